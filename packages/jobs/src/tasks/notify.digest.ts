import { NOTIFY_DIGEST_TASK, queueDailyDigests } from '@butterfly/domain';
import { z } from 'zod';
import { defineTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

export const ZNotifyDigestPayload = z.object({}).passthrough();
export const notifyDigestSpec = { name: NOTIFY_DIGEST_TASK, schema: ZNotifyDigestPayload } as const;

/** Once a day (cron): every daily-digest email channel with waiting alerts gets one digest delivery. */
export const notifyDigestTask = (rt: JobRuntime) =>
  defineTask(notifyDigestSpec.name, ZNotifyDigestPayload, async (_p, helpers) => {
    const deps = systemDeps(rt, `job:digest:${helpers.job.id}`);
    const { queued } = await queueDailyDigests(deps);
    if (queued) rt.log.info({ queued }, 'daily digests queued');
  });
