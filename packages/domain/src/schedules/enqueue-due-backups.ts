import { inTransaction } from '../db.fns.ts';
import type { DB, Transaction } from '@butterfly/db';
import type { Deps, JobQueue } from '../deps.ts';
import { backupJobKey, currentBackup, lockConnectionBackups } from '../snapshots/current-backup.ts';
import { nextRun } from './schedules.fns.ts';

/**
 * Scheduled backups are the bulk of the queue (a fleet's daily run is queued at one tick), so they run
 * after every other job: a tenant's scan right after its backup, alerts, restores and "Back up now"
 * are not queued behind the rest of the fleet's backups (decision 052).
 */
export const SCHEDULED_BACKUP_PRIORITY = 10;

/** Schedules handled per transaction: a tick's locks stay short however many schedules are due. */
export const DUE_BATCH = 500;

/**
 * The minute tick: enqueues a backup for every schedule that is due and moves it to its next run, in
 * one transaction per batch, batch after batch until none is left (a thousand tenants on the same
 * daily schedule are all queued by the one tick, not 500 a minute). Job keys dedupe (a backup already
 * queued for a connection is not queued twice), and SKIP LOCKED lets several workers tick at once
 * without double work.
 */
export async function enqueueDueBackups(
  deps: Deps & { jobs: NonNullable<Deps['jobs']> },
  { batchSize = DUE_BATCH }: { batchSize?: number } = {},
) {
  const now = deps.clock();
  const total = { enqueued: 0, skipped: 0, due: 0 };
  for (;;) {
    const batch = await enqueueDueBatch(deps, now, batchSize);
    total.enqueued += batch.enqueued;
    total.skipped += batch.skipped;
    total.due += batch.due;
    if (batch.due < batchSize) return total;
  }
}

async function enqueueDueBatch(deps: Deps & { jobs: NonNullable<Deps['jobs']> }, now: Date, batchSize: number) {
  return inTransaction(deps.db, async (trx) => {
    const due = await trx
      .selectFrom('backup_schedules')
      .innerJoin('connections', 'connections.id', 'backup_schedules.connection_id')
      .select([
        'backup_schedules.connection_id',
        'backup_schedules.tenant_id',
        'backup_schedules.cron',
        'backup_schedules.timezone',
        'connections.paused_at',
      ])
      .where('backup_schedules.enabled', '=', true)
      .where('backup_schedules.next_run_at', '<=', now)
      .forUpdate('backup_schedules')
      .skipLocked()
      .limit(batchSize)
      .execute();
    let enqueued = 0;
    let skipped = 0;
    for (const s of due) {
      if (s.paused_at) {
        // Paused (pause-connection.ts): the run is skipped, not postponed, so resuming sets off no
        // backlog; the schedule moves on. Logged, so "why was there no backup at 02:00" has an answer.
        deps.log.info(
          { tenantId: s.tenant_id, connectionId: s.connection_id, pausedAt: s.paused_at },
          'scheduled backup skipped: the connection is paused',
        );
        skipped++;
      } else if (await enqueueOne(deps, trx, s, now)) {
        enqueued++;
      }
      await trx
        .updateTable('backup_schedules')
        .set({ next_run_at: nextRun(s.cron, s.timezone, now) })
        .where('connection_id', '=', s.connection_id)
        .execute();
    }
    return { enqueued, skipped, due: due.length };
  });
}

/** Queues one scheduled backup, unless one already queued or running (a "Back up now", a previous tick) covers it. */
async function enqueueOne(
  deps: { jobs: JobQueue },
  trx: Transaction<DB>,
  s: { tenant_id: string; connection_id: string },
  now: Date,
) {
  await lockConnectionBackups(trx, s.connection_id);
  if (await currentBackup(trx, s.tenant_id, s.connection_id, now)) return false;
  const { jobId } = await deps.jobs.enqueue(
    trx,
    'backup',
    { tenantId: s.tenant_id, connectionId: s.connection_id, trigger: 'schedule' },
    { jobKey: backupJobKey(s.connection_id), priority: SCHEDULED_BACKUP_PRIORITY },
  );
  await trx
    .updateTable('connections')
    .set({ backup_requested_at: now, backup_requested_by: 'Scheduled backup', backup_request_job_id: jobId })
    .where('tenant_id', '=', s.tenant_id)
    .where('id', '=', s.connection_id)
    .execute();
  return true;
}
