import { loadConnectionConfig } from '@butterfly/domain/connections';
import { isDomainError } from '@butterfly/domain/core';
import { applyRestore, getRestorePlan } from '@butterfly/domain/restores';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * Applies a stored plan: the backup taken first reads with the backup credential, every write uses
 * the connection's write credential (`.manage` scopes) when it has one. A retried or re-queued job
 * resumes at the first step not recorded as done (packages/domain/src/restores/apply-restore.ts).
 */
export const restoreApplyTask = (rt: JobRuntime) =>
  registeredTask('restore_apply', async (p, helpers) => {
    const deps = systemDeps(rt, `job:restore_apply:${helpers.job.id}`);
    const plan = await getRestorePlan(deps, p.tenantId, { planId: p.planId });
    const readClient = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, plan.connectionId));
    const writeClient = rt.idpClientFor(
      await loadConnectionConfig(deps, p.tenantId, plan.connectionId, { purpose: 'restore' }),
    );
    try {
      const done = await applyRestore(deps, {
        tenantId: p.tenantId,
        planId: p.planId,
        readClient,
        writeClient,
        signal: helpers.abortSignal,
        owner: `job:${helpers.job.id}`,
        appUrl: rt.appUrl,
      });
      helpers.logger.info(`restore plan ${done.id}: ${done.status}`);
    } catch (e) {
      // A stale plan, one not approved or applied elsewhere: the plan says so; retrying cannot help.
      if (isDomainError(e) && e.code === 'CONFLICT')
        return helpers.logger.warn(`restore plan ${p.planId}: ${e.message}`);
      throw e;
    }
  });
