import { enqueueChangeAlerts, enqueueFailureAlerts, isDomainError } from '@butterfly/domain';
import type { Job } from 'graphile-worker';
import type { JobRuntime } from '../runtime.ts';
import { systemDeps } from '../runtime.ts';

type Target = { tenantId: string; connectionId: string };

/**
 * `backup.failed` alerts for a failed attempt: the first (people hear early) and the last (the queue
 * gave up); the retries between stay quiet. "Another backup is running" is not a failure. Alerting
 * never masks the backup's own error: its failures are logged, not thrown.
 */
export async function alertFailedBackup(rt: JobRuntime, p: Target, job: Pick<Job, 'id' | 'attempts' | 'max_attempts'>, error: unknown) {
  if (isDomainError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) return;
  const willRetry = job.attempts < job.max_attempts;
  if (job.attempts !== 1 && willRetry) return;
  const deps = systemDeps(rt, `job:backup:${job.id}`);
  const message = (error as Error)?.message ?? String(error);
  await enqueueFailureAlerts({ ...deps, jobs: rt.jobs }, { ...p, error: message, attempt: job.attempts, willRetry }).catch((e) => rt.log.error({ err: e, ...p }, 'could not queue backup.failed alerts'));
}

/** `objects.changed` alerts for a completed snapshot; a failure here is logged and leaves the backup done. */
export async function alertChangedObjects(rt: JobRuntime, p: Target & { snapshotId: string }, jobId: string) {
  const deps = systemDeps(rt, `job:backup:${jobId}`);
  await enqueueChangeAlerts({ ...deps, jobs: rt.jobs }, { tenantId: p.tenantId, snapshotId: p.snapshotId, appUrl: rt.appUrl }).catch((e) =>
    rt.log.error({ err: e, ...p }, 'could not queue objects.changed alerts'),
  );
}
