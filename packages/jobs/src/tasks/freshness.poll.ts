import { backupSkipReason, loadConnectionConfig } from '@butterfly/domain/connections';
import { pollSystemLog, queueHookPoll, scheduleNextPoll } from '@butterfly/domain/freshness';
import { registeredTask } from '../define-task.ts';
import { freshnessTiming, type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * Decision 048: one System Log poll of a connection with freshness on (pollSystemLog), then the
 * next periodic poll is queued. A failed poll is recorded on the connection (its freshness shows
 * the error) and not retried by the queue: the next poll reads the same window again, so nothing is
 * lost and failures do not pile up retries. A paused, deleted or turned-off connection ends the chain.
 */
export const freshnessPollTask = (rt: JobRuntime) =>
  registeredTask('freshness.poll', async (p, helpers) => {
    const deps = systemDeps(rt, `job:freshness.poll:${helpers.job.id}`);
    const timing = freshnessTiming(rt);
    const skip = await backupSkipReason(deps.db, p.tenantId, p.connectionId);
    if (skip) {
      helpers.logger.info(`freshness poll of connection ${p.connectionId} skipped: the connection is ${skip}`);
      return;
    }
    let again = true;
    try {
      const client = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, p.connectionId));
      const outcome = await pollSystemLog(deps, {
        ...p,
        client,
        settleSeconds: timing.settleSeconds,
        signal: helpers.abortSignal,
      });
      if (outcome.status === 'off') again = false;
      // Another poll held the lease: the events that rang the hook may be after its window, so ask again.
      if (outcome.status === 'busy' && p.trigger === 'event_hook')
        await queueHookPoll({ ...deps, jobs: rt.jobs }, { ...p, settleSeconds: Math.max(1, timing.settleSeconds) });
      if (outcome.status === 'polled' && outcome.events)
        helpers.logger.info(
          `freshness poll of connection ${p.connectionId}: ${outcome.events} event(s), ${outcome.objects} object(s), ${outcome.changed} changed`,
        );
    } catch (err) {
      helpers.logger.warn(`freshness poll of connection ${p.connectionId} failed: ${(err as Error).message}`);
    }
    if (again) await scheduleNextPoll({ ...deps, jobs: rt.jobs }, { ...p, pollSeconds: timing.pollSeconds });
  });
