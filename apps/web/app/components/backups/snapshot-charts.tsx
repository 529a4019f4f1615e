import { BarChart } from '@butterfly/ui';
import { formatCount, formatTime } from '~/utils/format.ts';
import { type SnapshotRow, changeTotal } from './snapshot-types.ts';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Size (objects) and changes of the complete snapshots over time, oldest first. */
export function SnapshotCharts({ snapshots }: { snapshots: SnapshotRow[] }) {
  const complete = snapshots.filter((s) => s.status === 'complete' && s.completedAt).slice(0, 30).reverse();
  if (complete.length < 1) return <p className="text-sm text-slate-700">Charts appear after the first complete backup.</p>;
  const range = `from ${formatTime(complete[0]!.completedAt!)} to ${formatTime(complete.at(-1)!.completedAt!)}`;
  const points = (value: (s: SnapshotRow) => number) => complete.map((s) => ({ label: day(s.completedAt!), detail: formatTime(s.completedAt!), value: value(s) }));
  const objects = points((s) => s.objectCount);
  const changes = points(changeTotal);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <BarChart
        title="Objects per snapshot"
        description={`Objects in each of the last ${complete.length} complete snapshots, ${range}; the latest holds ${formatCount(objects.at(-1)!.value)}.`}
        data={objects}
        format={formatCount}
        valueLabel="Objects"
      />
      <BarChart
        title="Changes per snapshot"
        description={`Objects added, changed or removed in each of the last ${complete.length} complete snapshots, ${range}; at most ${formatCount(Math.max(...changes.map((c) => c.value)))} in one.`}
        data={changes}
        format={formatCount}
        valueLabel="Changes"
      />
    </div>
  );
}
