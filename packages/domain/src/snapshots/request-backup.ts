import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { assertNotDeleted } from '../connections/connections.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { backupJobKey, currentBackup, lockConnectionBackups } from './current-backup.ts';

/**
 * "Back up now": queues a backup of one connection, unless one is already queued or running; then
 * it answers with that one (`alreadyRunning: true`) and queues nothing. The check and the enqueue run
 * under the connection's backup lock, so a double click cannot slip two runs in. A job key alone is
 * not enough: graphile-worker adds a second job when the keyed one is already running.
 */
export async function requestBackup(deps: Deps, tenantId: string, input: { connectionId: string }) {
  await authorize(deps, tenantId, 'backup.run');
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  const jobs = deps.jobs;
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  assertNotDeleted(connection);
  if (connection.paused_at)
    throw new DomainError('CONNECTION_PAUSED', `The connection ${connection.name} is paused: resume it to back it up`);
  return inTransaction(deps.db, async (trx) => {
    await lockConnectionBackups(trx, connection.id);
    const now = deps.clock();
    const current = await currentBackup(trx, tenantId, connection.id, now);
    if (current) {
      return {
        connectionId: connection.id,
        jobId: current.jobId,
        alreadyRunning: true as const,
        state: current.state,
        since: current.since,
        by: current.by,
        snapshotId: current.snapshotId,
      };
    }
    const { jobId } = await jobs.enqueue(
      trx,
      'backup',
      { tenantId, connectionId: connection.id, trigger: 'manual' },
      { jobKey: backupJobKey(connection.id) },
    );
    await trx
      .updateTable('connections')
      .set({ backup_requested_at: now, backup_requested_by: deps.actor.label, backup_request_job_id: jobId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', connection.id)
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      { tenantId, action: 'backup.requested', target: { type: 'connection', id: connection.id }, data: { jobId } },
    );
    return {
      connectionId: connection.id,
      jobId,
      alreadyRunning: false as const,
      state: 'queued' as const,
      since: now,
      by: deps.actor.label,
      snapshotId: null,
    };
  });
}
