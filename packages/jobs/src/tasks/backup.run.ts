import { backupSkipReason, loadConnectionConfig } from '@butterfly/domain/connections';
import { isCredentialRejection } from '@butterfly/domain/idp';
import { type BackupOutcome, backUpConnection } from '@butterfly/domain/backups';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * One backup of one connection, with its alerts, scan and retention (backUpConnection). Idempotent
 * across retries: the snapshot is owned by this job, so a retry of a job that died midway (its worker
 * killed, then released by another worker's liveness sweep) takes its unfinished snapshot over at once,
 * undoes it, and starts again from the last complete one (packages/domain/src/snapshots/begin-backup.ts).
 */
export const backupTask = (rt: JobRuntime) =>
  registeredTask('backup', async (p, helpers) => {
    const deps = systemDeps(rt, `job:backup:${helpers.job.id}`);
    // Paused or deleted since it was queued: nothing to do, and nothing to retry.
    const skip = await backupSkipReason(deps.db, p.tenantId, p.connectionId);
    if (skip) {
      helpers.logger.info(`backup of connection ${p.connectionId} skipped: the connection is ${skip}`);
      return;
    }
    const client = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, p.connectionId));
    let snapshot: BackupOutcome;
    try {
      snapshot = await backUpConnection(deps, {
        ...p,
        client,
        signal: helpers.abortSignal,
        owner: `job:${helpers.job.id}`,
        appUrl: rt.appUrl,
        attempt: { number: helpers.job.attempts, max: helpers.job.max_attempts },
      });
    } catch (e) {
      // Okta refused the credential: the failed snapshot, the alerts and the connection's "needs
      // attention" are recorded; retrying with the same credential cannot succeed, so the job ends here.
      if (!isCredentialRejection(e)) throw e;
      helpers.logger.warn(`backup of connection ${p.connectionId} failed, not retried: ${(e as Error).message}`);
      return;
    }
    helpers.logger.info(
      `snapshot ${snapshot.snapshotId}: ${snapshot.objectCount} objects, changes ${JSON.stringify(snapshot.changes)}`,
    );
  });
