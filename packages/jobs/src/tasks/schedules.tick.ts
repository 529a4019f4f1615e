import { enqueueDueBackups, expireDueExceptions } from '@butterfly/domain';
import { z } from 'zod';
import { defineTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

export const schedulesTickSpec = { name: 'schedules_tick', schema: z.object({}).passthrough() } as const;

/** Run every minute by the worker's cron: queues the backups that are due, and closes (and alerts) compliance exceptions past their expiry. */
export const schedulesTickTask = (rt: JobRuntime) =>
  defineTask(schedulesTickSpec.name, schedulesTickSpec.schema, async (_p, helpers) => {
    const { enqueued } = await enqueueDueBackups({ ...systemDeps(rt, 'schedule'), jobs: rt.jobs });
    if (enqueued) helpers.logger.info(`queued ${enqueued} scheduled backup(s)`);
    const { expired, expiring } = await expireDueExceptions({ ...systemDeps(rt, 'exceptions'), jobs: rt.jobs }, { appUrl: rt.appUrl });
    if (expired || expiring) helpers.logger.info(`compliance exceptions: ${expired} expired, ${expiring} expiring soon`);
  });
