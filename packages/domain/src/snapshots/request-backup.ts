import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { BACKUP_TASK, backupJobKey } from '../schedules/enqueue-due-backups.ts';
import { findConnectionRow } from '../connections/get-connection.ts';

/** "Backup now": queues a backup of one connection (deduplicated with any already queued). */
export async function requestBackup(deps: Deps, tenantId: string, input: { connectionId: string }) {
  await authorize(deps, tenantId, 'backup.run');
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  const jobs = deps.jobs;
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  return inTransaction(deps.db, async (trx) => {
    const { jobId } = await jobs.enqueue(trx, BACKUP_TASK, { tenantId, connectionId: connection.id, trigger: 'manual' }, { jobKey: backupJobKey(connection.id) });
    await appendAuditEvent({ ...deps, db: trx }, { tenantId, action: 'backup.requested', target: { type: 'connection', id: connection.id }, data: { jobId } });
    return { jobId, connectionId: connection.id };
  });
}
