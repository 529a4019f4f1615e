import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { currentBackup, lockConnectionBackups } from '../snapshots/current-backup.ts';
import { nextRun } from './schedules.fns.ts';

export const BACKUP_TASK = 'backup';
export const backupJobKey = (connectionId: string) => `backup:${connectionId}`;

/**
 * The minute tick: enqueues a backup for every schedule that is due and moves it to its next run, in
 * one transaction per batch. Job keys dedupe (a backup already queued for a connection is not queued
 * twice), and SKIP LOCKED lets several workers tick at once without double work.
 */
export async function enqueueDueBackups(deps: Deps & { jobs: NonNullable<Deps['jobs']> }) {
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const due = await trx
      .selectFrom('backup_schedules')
      .select(['connection_id', 'tenant_id', 'cron', 'timezone'])
      .where('enabled', '=', true)
      .where('next_run_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .limit(500)
      .execute();
    let enqueued = 0;
    for (const s of due) {
      // A backup already queued or running (a "Back up now", a previous tick) covers this one.
      await lockConnectionBackups(trx, s.connection_id);
      if (!(await currentBackup(trx, s.tenant_id, s.connection_id, now))) {
        const { jobId } = await deps.jobs.enqueue(trx, BACKUP_TASK, { tenantId: s.tenant_id, connectionId: s.connection_id, trigger: 'schedule' }, { jobKey: backupJobKey(s.connection_id) });
        await trx
          .updateTable('connections')
          .set({ backup_requested_at: now, backup_requested_by: 'Scheduled backup', backup_request_job_id: jobId })
          .where('tenant_id', '=', s.tenant_id)
          .where('id', '=', s.connection_id)
          .execute();
        enqueued++;
      }
      await trx.updateTable('backup_schedules').set({ next_run_at: nextRun(s.cron, s.timezone, now) }).where('connection_id', '=', s.connection_id).execute();
    }
    return { enqueued, due: due.length };
  });
}
