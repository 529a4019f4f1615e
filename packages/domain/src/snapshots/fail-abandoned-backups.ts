import { sql } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { abandonSnapshot, backupFailedEvent, INTERRUPTED } from './abandon-snapshot.ts';
import { BACKUP_STALE_MS } from './snapshots.fns.ts';

/**
 * Ends every running snapshot whose heartbeat went stale: its backup died with its process, and no
 * retry may come to take it over (a `backup run --wait` that was killed, a job that gave up). So no
 * snapshot stays `running` for good. The workers call it on their liveness sweep.
 */
export async function failAbandonedBackups(deps: Deps): Promise<{ failed: string[] }> {
  const cutoff = new Date(deps.clock().getTime() - BACKUP_STALE_MS);
  const stale = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'connection_id'])
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', cutoff)
    .execute();
  const failed: string[] = [];
  for (const s of stale) {
    await inTransaction(deps.db, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${s.connection_id}`}, 0))`.execute(trx);
      // Looked at again under the lock: it may have completed, failed or beaten meanwhile.
      const row = await trx
        .selectFrom('snapshots')
        .select(['id', 'tenant_id', 'connection_id', 'seq'])
        .where('id', '=', s.id)
        .where('status', '=', 'running')
        .where('heartbeat_at', '<', cutoff)
        .executeTakeFirst();
      if (!row) return;
      await abandonSnapshot(trx, row, deps.clock());
      await appendAuditEvent(
        { ...deps, db: trx },
        backupFailedEvent(
          { tenantId: row.tenant_id, snapshotId: row.id, connectionId: row.connection_id },
          INTERRUPTED,
        ),
      );
      failed.push(row.id);
    });
  }
  return { failed };
}
