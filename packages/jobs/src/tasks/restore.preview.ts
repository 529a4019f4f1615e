import { loadConnectionConfig } from '@butterfly/domain/connections';
import { isDomainError } from '@butterfly/domain/core';
import { getRestorePlan, previewRestore } from '@butterfly/domain/restores';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * Computes a stored restore plan: reads the live org with the backup (read-only) credential and
 * writes nothing to it. A retry recomputes from scratch; a plan already computed is left alone.
 */
export const restorePreviewTask = (rt: JobRuntime) =>
  registeredTask('restore_preview', async (p, helpers) => {
    const deps = systemDeps(rt, `job:restore_preview:${helpers.job.id}`);
    const plan = await getRestorePlan(deps, p.tenantId, { planId: p.planId });
    const client = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, plan.connectionId));
    // Only asked which scopes it holds (a token request), never written with here.
    const writeClient = rt.idpClientFor(
      await loadConnectionConfig(deps, p.tenantId, plan.connectionId, { purpose: 'restore' }),
    );
    try {
      const done = await previewRestore(deps, {
        tenantId: p.tenantId,
        planId: p.planId,
        client,
        writeClient,
        signal: helpers.abortSignal,
      });
      helpers.logger.info(`restore plan ${done.id}: ${JSON.stringify(done.summary)}`);
    } catch (e) {
      // A scope the snapshot cannot serve: the plan is marked failed with the reason; retrying cannot help.
      if (isDomainError(e) && e.code === 'VALIDATION')
        return helpers.logger.warn(`restore plan ${p.planId}: ${e.message}`);
      throw e;
    }
  });
