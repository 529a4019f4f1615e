import type { SnapshotView } from '@butterfly/domain/snapshots';

/** What the connection page's components take of a snapshot (what the loader sends). */
export type SnapshotRow = Pick<
  SnapshotView,
  | 'id'
  | 'status'
  | 'trigger'
  | 'startedAt'
  | 'completedAt'
  | 'durationMs'
  | 'objectCount'
  | 'changes'
  | 'bytesWritten'
  | 'error'
>;

export const changeTotal = (s: Pick<SnapshotRow, 'changes'>) =>
  (s.changes.added ?? 0) + (s.changes.changed ?? 0) + (s.changes.removed ?? 0);
