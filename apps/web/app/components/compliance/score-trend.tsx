import { BarChart } from '@butterfly/ui';
import { formatTime } from '~/utils/format.ts';

export interface TrendPoint {
  scanId: string;
  connectionId: string;
  snapshotTakenAt: string;
  score: number | null;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Score of each scan over snapshots, oldest first, as an accessible bar chart with a table fallback. */
export function ScoreTrend({ trend, names }: { trend: TrendPoint[]; names: Record<string, string> }) {
  if (!trend.length) return <p className="text-sm text-slate-700">The trend appears after the first scan.</p>;
  const multi = new Set(trend.map((t) => t.connectionId)).size > 1;
  const data = trend.map((t) => ({
    label: day(t.snapshotTakenAt),
    detail: `${formatTime(t.snapshotTakenAt)}${multi ? ` · ${names[t.connectionId] ?? 'connection'}` : ''}`,
    value: t.score ?? 0,
  }));
  const last = trend.at(-1)!;
  return (
    <BarChart
      title="Compliance score per snapshot"
      description={`Pass rate over judged rules in each of the last ${trend.length} scans, from ${formatTime(trend[0]!.snapshotTakenAt)} to ${formatTime(last.snapshotTakenAt)}; the latest scores ${last.score ?? 'nothing judged'}${last.score === null ? '' : '%'}.`}
      data={data}
      format={(n) => `${n}%`}
      valueLabel="Score"
    />
  );
}
