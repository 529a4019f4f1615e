import { loadConnectionConfig } from '@butterfly/domain/connections';
import { renewDirectoryWatch, runDirectorySync } from '@butterfly/domain/directory-sync';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * Decision 064: one Google directory sync of a connection. A failed run is recorded on the
 * connection (its status shows the error) and not retried by the queue: the next periodic run reads
 * the whole directory again. A connection that went away, was paused or deleted is skipped. A
 * users.watch channel that ends within two hours is renewed after the run.
 */
export const directorySyncTask = (rt: JobRuntime) =>
  registeredTask('directory-sync.run', async (p, helpers) => {
    const deps = { ...systemDeps(rt, `job:directory-sync.run:${helpers.job.id}`), idpClientFor: rt.idpClientFor };
    try {
      const r = await runDirectorySync(deps, p.tenantId, p, { signal: helpers.abortSignal, trigger: p.trigger });
      const c = r.counts;
      if (r.ok)
        helpers.logger.info(
          `directory sync of connection ${p.connectionId}: ${c.users} user(s), ${c.created} created, ${c.updated} updated, ${c.reactivated} reactivated, ${c.deactivated} deactivated`,
        );
      else helpers.logger.warn(`directory sync of connection ${p.connectionId} failed: ${r.status.lastError?.code}`);
    } catch (err) {
      helpers.logger.warn(`directory sync of connection ${p.connectionId} skipped: ${(err as Error).message}`);
      return;
    }
    // Its users.watch channel, if one was opened, before its 6 hours end.
    try {
      const client = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, p.connectionId));
      const renewed = await renewDirectoryWatch(deps, p, client);
      if (renewed) helpers.logger.info(`users.watch channel of connection ${p.connectionId} renewed`);
    } catch (err) {
      helpers.logger.warn(`users.watch channel of connection ${p.connectionId} not renewed: ${(err as Error).message}`);
    }
  });
