import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { BACKUP_STALE_MS } from './snapshots.fns.ts';
import { abandonSnapshot } from './abandon-snapshot.ts';
import { lockConnectionBackups } from './current-backup.ts';

/**
 * Opens a running snapshot for a connection. A running one with a fresh heartbeat means another
 * backup is under way (CONFLICT); a stale one was left by a process that died, and one with our own
 * `owner` by an earlier attempt of this same job (which has ended, or this attempt would not run):
 * either way its partial writes are undone first, so a retry starts from the last complete snapshot.
 */
export async function beginBackup(
  deps: Deps,
  input: { tenantId: string; connectionId: string; trigger: string; owner?: string },
) {
  return inTransaction(deps.db, async (trx) => {
    await lockConnectionBackups(trx, input.connectionId);
    const now = deps.clock();
    const running = await trx
      .selectFrom('snapshots')
      .select(['id', 'connection_id', 'seq', 'heartbeat_at', 'owner'])
      .where('connection_id', '=', input.connectionId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running) {
      const ours = !!input.owner && running.owner === input.owner;
      if (!ours && now.getTime() - running.heartbeat_at.getTime() < BACKUP_STALE_MS) {
        throw new DomainError('CONFLICT', 'A backup of this connection is already running');
      }
      await abandonSnapshot(trx, running, now);
    }
    const last = await trx
      .selectFrom('snapshots')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('connection_id', '=', input.connectionId)
      .executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    const snapshot = await trx
      .insertInto('snapshots')
      .values({
        tenant_id: input.tenantId,
        connection_id: input.connectionId,
        seq,
        status: 'running',
        trigger: input.trigger,
        started_at: now,
        heartbeat_at: now,
        owner: input.owner ?? null,
      })
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: input.tenantId,
        action: 'backup.started',
        target: { type: 'snapshot', id: snapshot.id },
        data: { connectionId: input.connectionId, seq, trigger: input.trigger, replaced: running?.id ?? null },
      },
    );
    return { snapshotId: snapshot.id, seq, startedAt: now };
  });
}
