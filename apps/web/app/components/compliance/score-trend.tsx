import { BarChart } from '@butterfly/ui';
import { timeAxis } from '~/utils/time-axis.ts';
import { formatAbsolute } from '~/utils/time.ts';
import { useViewerTimeZone } from '../viewer-time.ts';

export interface TrendPoint {
  scanId: string;
  connectionId: string;
  snapshotTakenAt: string;
  score: number | null;
}

/** Score of each scan over snapshots, oldest first, on a time axis, with a table fallback. */
export function ScoreTrend({ trend, names }: { trend: TrendPoint[]; names: Record<string, string> }) {
  const zone = useViewerTimeZone();
  if (!trend.length) return <p className="text-sm text-slate-700">The trend appears after the first scan.</p>;
  const multi = new Set(trend.map((t) => t.connectionId)).size > 1;
  const data = trend.map((t) => ({
    at: Date.parse(t.snapshotTakenAt),
    detail: `${formatAbsolute(t.snapshotTakenAt, zone)}${multi ? ` · ${names[t.connectionId] ?? 'connection'}` : ''}`,
    value: t.score ?? 0,
  }));
  const last = trend.at(-1)!;
  return (
    <BarChart
      title="Compliance score per snapshot"
      description={`Pass rate over judged rules in each of the last ${trend.length} scans, from ${formatAbsolute(trend[0]!.snapshotTakenAt, zone)} to ${formatAbsolute(last.snapshotTakenAt, zone)}; the latest scores ${last.score ?? 'nothing judged'}${last.score === null ? '' : '%'}.`}
      data={data}
      axis={timeAxis(
        data.map((d) => d.at),
        zone,
      )}
      format={(n) => `${n}%`}
      valueLabel="Score"
    />
  );
}
