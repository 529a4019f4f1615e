import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
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
    for (const s of due) {
      await deps.jobs.enqueue(trx, BACKUP_TASK, { tenantId: s.tenant_id, connectionId: s.connection_id, trigger: 'schedule' }, { jobKey: backupJobKey(s.connection_id) });
      await trx.updateTable('backup_schedules').set({ next_run_at: nextRun(s.cron, s.timezone, now) }).where('connection_id', '=', s.connection_id).execute();
    }
    return { enqueued: due.length };
  });
}
