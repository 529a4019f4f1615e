import { sql } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { BACKUP_STALE_MS } from './snapshots.fns.ts';
import { undoSnapshotWrites } from './undo-snapshot-writes.ts';

/**
 * Opens a running snapshot for a connection. A running one with a fresh heartbeat means another
 * backup is under way (CONFLICT); a stale one was left by a worker that died, and its partial writes
 * are undone first — so a retried job always starts from the last complete snapshot.
 */
export async function beginBackup(deps: Deps, input: { tenantId: string; connectionId: string; trigger: string }) {
  return inTransaction(deps.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${input.connectionId}`}, 0))`.execute(trx);
    const now = deps.clock();
    const running = await trx
      .selectFrom('snapshots')
      .select(['id', 'seq', 'heartbeat_at'])
      .where('connection_id', '=', input.connectionId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running) {
      if (now.getTime() - running.heartbeat_at.getTime() < BACKUP_STALE_MS) {
        throw new DomainError('CONFLICT', 'A backup of this connection is already running');
      }
      await undoSnapshotWrites(trx, input.connectionId, running.seq);
      await trx.updateTable('snapshots').set({ status: 'failed', error: 'interrupted: the worker stopped mid-backup', completed_at: now }).where('id', '=', running.id).execute();
    }
    const last = await trx
      .selectFrom('snapshots')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('connection_id', '=', input.connectionId)
      .executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    const snapshot = await trx
      .insertInto('snapshots')
      .values({ tenant_id: input.tenantId, connection_id: input.connectionId, seq, status: 'running', trigger: input.trigger, started_at: now, heartbeat_at: now })
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow();
    await appendAuditEvent({ ...deps, db: trx }, {
      tenantId: input.tenantId,
      action: 'backup.started',
      target: { type: 'snapshot', id: snapshot.id },
      data: { connectionId: input.connectionId, seq, trigger: input.trigger, replaced: running?.id ?? null },
    });
    return { snapshotId: snapshot.id, seq, startedAt: now };
  });
}
