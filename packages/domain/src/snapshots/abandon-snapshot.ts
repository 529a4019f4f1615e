import type { DB, Transaction } from '@butterfly/db';
import type { TAuditEventInput } from '../audit/append-audit-event.ts';
import { undoSnapshotWrites } from './undo-snapshot-writes.ts';

export const INTERRUPTED = 'interrupted: the worker stopped mid-backup';

/**
 * Ends a running snapshot whose backup is gone (its worker died, or a later attempt of its job has
 * started) or failed (run-backup.ts): its partial writes are undone and it is marked failed, in the
 * caller's transaction, which holds the connection's backup lock or the snapshot's row lock. A backup
 * still writing to it is fenced off by ingestBatch.
 */
export async function abandonSnapshot(
  trx: Transaction<DB>,
  s: { id: string; connection_id: string; seq: number },
  now: Date,
  error = INTERRUPTED,
) {
  await undoSnapshotWrites(trx, s.connection_id, s.seq);
  await trx
    .updateTable('snapshots')
    .set({ status: 'failed', error, completed_at: now })
    .where('id', '=', s.id)
    .where('status', '=', 'running')
    .execute();
}

/** The `backup.failed` audit entry of a snapshot that ended failed (a backup that threw, or one abandoned). */
export function backupFailedEvent(
  s: { tenantId: string; snapshotId: string; connectionId: string },
  error: string,
): TAuditEventInput {
  return {
    tenantId: s.tenantId,
    action: 'backup.failed',
    outcome: 'failure',
    target: { type: 'snapshot', id: s.snapshotId },
    data: { connectionId: s.connectionId, error: error.slice(0, 500) },
  };
}
