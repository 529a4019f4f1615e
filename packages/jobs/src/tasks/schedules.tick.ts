import { expireDueExceptions } from '@butterfly/domain/exceptions';
import { enqueueDueDirectorySyncs } from '@butterfly/domain/directory-sync';
import { enqueueFreshnessPolls } from '@butterfly/domain/freshness';
import { enqueueDueBackups } from '@butterfly/domain/schedules';
import { registeredTask } from '../define-task.ts';
import { freshnessTiming, type JobRuntime, systemDeps } from '../runtime.ts';

/** Run every minute by the worker's cron: queues the backups that are due, and closes (and alerts) compliance exceptions past their expiry. */
export const schedulesTickTask = (rt: JobRuntime) =>
  registeredTask('schedules_tick', async (_p, helpers) => {
    const { enqueued } = await enqueueDueBackups({ ...systemDeps(rt, 'schedule'), jobs: rt.jobs });
    if (enqueued) helpers.logger.info(`queued ${enqueued} scheduled backup(s)`);
    // Decision 048: a poll chain that broke (a worker that died) starts again within a minute.
    const polls = await enqueueFreshnessPolls(
      { ...systemDeps(rt, 'freshness'), jobs: rt.jobs },
      { pollSeconds: freshnessTiming(rt).pollSeconds },
    );
    if (polls.enqueued) helpers.logger.info(`queued ${polls.enqueued} freshness poll(s)`);
    // Decision 064: Google directory syncs that are due.
    const syncs = await enqueueDueDirectorySyncs(
      { ...systemDeps(rt, 'directory-sync'), jobs: rt.jobs },
      { minutes: rt.directorySyncMinutes ?? 15 },
    );
    if (syncs.enqueued) helpers.logger.info(`queued ${syncs.enqueued} directory sync(s)`);
    const { expired, expiring } = await expireDueExceptions(
      { ...systemDeps(rt, 'exceptions'), jobs: rt.jobs },
      { appUrl: rt.appUrl },
    );
    if (expired || expiring)
      helpers.logger.info(`compliance exceptions: ${expired} expired, ${expiring} expiring soon`);
  });
