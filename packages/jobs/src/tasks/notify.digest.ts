import { queueDailyDigests } from '@butterfly/domain/webhooks';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/** Once a day (cron): every daily-digest email channel with waiting alerts gets one digest delivery. */
export const notifyDigestTask = (rt: JobRuntime) =>
  registeredTask('notify.digest', async (_p, helpers) => {
    const deps = systemDeps(rt, `job:digest:${helpers.job.id}`);
    const { queued } = await queueDailyDigests(deps);
    if (queued) rt.log.info({ queued }, 'daily digests queued');
  });
