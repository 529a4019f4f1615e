import { BarChart } from '@butterfly/ui';
import { formatCount } from '~/utils/format.ts';
import { timeAxis } from '~/utils/time-axis.ts';
import { formatAbsolute } from '~/utils/time.ts';
import { useViewerTimeZone } from '../viewer-time.ts';
import { type SnapshotRow, changeTotal } from './snapshot-types.ts';

/** Size (objects) and changes of the complete snapshots over time, oldest first, on a time axis. */
export function SnapshotCharts({ snapshots }: { snapshots: SnapshotRow[] }) {
  const zone = useViewerTimeZone();
  const complete = snapshots
    .filter((s) => s.status === 'complete' && s.completedAt)
    .slice(0, 30)
    .reverse();
  if (complete.length < 1)
    return <p className="text-sm text-slate-700">Charts appear after the first complete backup.</p>;
  const when = (s: SnapshotRow) => formatAbsolute(s.completedAt!, zone);
  const range = `from ${when(complete[0]!)} to ${when(complete.at(-1)!)}`;
  const axis = timeAxis(
    complete.map((s) => Date.parse(s.completedAt!)),
    zone,
  );
  const points = (value: (s: SnapshotRow) => number) =>
    complete.map((s) => ({ at: Date.parse(s.completedAt!), detail: when(s), value: value(s) }));
  const objects = points((s) => s.objectCount);
  const changes = points(changeTotal);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <BarChart
        title="Objects per snapshot"
        description={`Objects in each of the last ${complete.length} complete snapshots, ${range}; the latest holds ${formatCount(objects.at(-1)!.value)}.`}
        data={objects}
        axis={axis}
        format={formatCount}
        valueLabel="Objects"
      />
      <BarChart
        title="Changes per snapshot"
        description={`Objects added, changed or removed in each of the last ${complete.length} complete snapshots, ${range}; at most ${formatCount(Math.max(...changes.map((c) => c.value)))} in one.`}
        data={changes}
        axis={axis}
        format={formatCount}
        valueLabel="Changes"
      />
    </div>
  );
}
