import { BACKUP_TASK, loadConnectionConfig, pruneSnapshots, requestComplianceScan, runBackup } from '@butterfly/domain';
import { z } from 'zod';
import { defineTask } from '../define-task.ts';
import { alertChangedObjects, alertFailedBackup } from '../webhooks/backup-alerts.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

export const ZBackupPayload = z.object({
  tenantId: z.uuid(),
  connectionId: z.uuid(),
  trigger: z.enum(['manual', 'schedule', 'api']).default('manual'),
});

export const backupSpec = { name: BACKUP_TASK, schema: ZBackupPayload } as const;

/**
 * One backup of one connection, then retention. Idempotent across retries: a retry of a job that died
 * midway finds its unfinished snapshot stale or failed, undoes it, and starts again from the last
 * complete one (packages/domain/src/snapshots/begin-backup.ts).
 */
export const backupTask = (rt: JobRuntime) =>
  defineTask(backupSpec.name, ZBackupPayload, async (p, helpers) => {
    const deps = systemDeps(rt, `job:backup:${helpers.job.id}`);
    const client = rt.idpClientFor(await loadConnectionConfig(deps, p.tenantId, p.connectionId));
    const snapshot = await runBackup(deps, { tenantId: p.tenantId, connectionId: p.connectionId, trigger: p.trigger, client, signal: helpers.abortSignal }).catch(async (e) => {
      await alertFailedBackup(rt, p, helpers.job, e);
      throw e;
    });
    helpers.logger.info(`snapshot ${snapshot.id}: ${snapshot.object_count} objects, changes ${JSON.stringify(snapshot.changes)}`);
    // Before retention: a retry after a later failure backs up again, finds no changes, and would not alert.
    await alertChangedObjects(rt, { ...p, snapshotId: snapshot.id }, helpers.job.id);
    // Every successful backup is scanned, by its own job: a scan failing never fails the backup.
    await requestComplianceScan(deps, p.tenantId, { snapshotId: snapshot.id, trigger: 'backup' });
    await pruneSnapshots(deps, { tenantId: p.tenantId, connectionId: p.connectionId });
  });
