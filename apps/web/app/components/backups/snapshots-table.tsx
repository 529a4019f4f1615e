import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { formatBytes, formatCount, formatDuration, formatTime } from '~/utils/format.ts';
import type { SnapshotRow } from './snapshot-types.ts';
import { Time } from '~/components/time.tsx';
import { failureText } from '~/utils/human-text.ts';
import { describeTrigger } from '~/utils/labels.ts';

const STATUS = {
  running: ['Running', 'info'],
  complete: ['Complete', 'success'],
  failed: ['Failed', 'danger'],
} as const;

/** Snapshots newest first; a complete one links to its contents and to what changed since the previous one. */
export function SnapshotsTable({ connectionId, snapshots }: { connectionId: string; snapshots: SnapshotRow[] }) {
  const complete = snapshots.filter((s) => s.status === 'complete');
  const previous = (s: SnapshotRow) => complete[complete.indexOf(s) + 1];
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Duration</TableHead>
          <TableHead className="text-right">Objects</TableHead>
          <TableHead>Changes</TableHead>
          <TableHead className="text-right">Bytes written</TableHead>
          <TableHead>Compare</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {snapshots.map((s) => {
          const prev = s.status === 'complete' ? previous(s) : undefined;
          return (
            <TableRow key={s.id}>
              <TableCell>
                {s.status === 'complete' ? (
                  <Link
                    to={`/connections/${connectionId}/snapshots/${s.id}`}
                    className="font-medium text-indigo-700 underline"
                  >
                    <Time iso={s.completedAt ?? s.startedAt} />
                  </Link>
                ) : (
                  <Time iso={s.startedAt} />
                )}
                <div className="text-xs text-slate-600">{describeTrigger(s.trigger)}</div>
              </TableCell>
              <TableCell>
                <Badge variant={STATUS[s.status][1]}>{STATUS[s.status][0]}</Badge>
                {s.error && (
                  <div className="max-w-xs truncate text-xs text-red-800" title={failureText(s.error)}>
                    {failureText(s.error)}
                  </div>
                )}
              </TableCell>
              <TableCell>{formatDuration(s.durationMs)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {s.status === 'complete' ? formatCount(s.objectCount) : '—'}
              </TableCell>
              <TableCell className="tabular-nums">
                {s.status === 'complete'
                  ? `+${s.changes.added ?? 0} ~${s.changes.changed ?? 0} −${s.changes.removed ?? 0}`
                  : '—'}
                {s.status === 'complete' && (
                  <span className="sr-only">
                    : {s.changes.added ?? 0} added, {s.changes.changed ?? 0} changed, {s.changes.removed ?? 0} removed
                  </span>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {s.status === 'complete' ? formatBytes(s.bytesWritten) : '—'}
              </TableCell>
              <TableCell>
                {prev && (
                  <Link
                    to={`/connections/${connectionId}/diff?from=${prev.id}&to=${s.id}`}
                    className="text-indigo-700 underline"
                  >
                    Diff with previous
                    <span className="sr-only"> for the snapshot of {formatTime(s.completedAt ?? s.startedAt)}</span>
                  </Link>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
