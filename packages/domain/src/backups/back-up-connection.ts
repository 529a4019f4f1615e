import type { DB, Kysely } from '@butterfly/db';
import type { ResultCounts } from '../compliance/types.ts';
import { clearNeedsAttention } from '../connections/clear-needs-attention.ts';
import { markNeedsAttention } from './mark-needs-attention.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { isCredentialRejection } from '../idp/credential-rejection.fns.ts';
import { hasRuleset } from '../compliance/rulesets.ts';
import { requestComplianceScan } from '../scans/request-compliance-scan.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import type { CompletedBackup } from '../snapshots/completed-backup.ts';
import { pruneSnapshots } from '../snapshots/prune-snapshots.ts';
import { runBackup, type TRunBackupInput } from '../snapshots/run-backup.ts';
import { enqueueChangeAlerts } from '../webhooks/enqueue-change-alerts.ts';
import { enqueueExpiryAlerts } from '../webhooks/enqueue-expiry-alerts.ts';
import { enqueueFailureAlerts } from '../webhooks/enqueue-failure-alerts.ts';
import { enqueueRegressionAlerts } from '../webhooks/enqueue-regression-alerts.ts';

export interface TBackUpConnectionInput extends TRunBackupInput {
  /** APP_URL, for links back to the dashboard in alerts. */
  appUrl?: string;
  /** The queue's attempt, when a job runs it: only the first and the last failed attempt alert. Default: one attempt. */
  attempt?: { number: number; max: number };
  /** Scan in this process before returning (`backup run --wait`), instead of queueing the scan for the worker. */
  scanHere?: boolean;
}

/**
 * The compliance scan that follows a backup: run here (`scanHere`), with its counts and the
 * `compliance.regressed` deliveries it queued, or left to the worker (queued, or not even that when
 * queueing failed: the failure is logged, the backup stands).
 */
export type BackupScan =
  | { ran: true; scanId: string; counts: ResultCounts; regressionAlerts: number }
  | { ran: false; queued: boolean };

/**
 * One completed backup, as callers (the job, `backup run --wait`, a restore) see it: the snapshot
 * (without the tenant they asked for and the per-type counts) and what became of its scan.
 */
export type BackupOutcome = Omit<CompletedBackup, 'tenantId' | 'counts'> & { scan: BackupScan };

/**
 * A backup and everything that follows one, whoever starts it (the queued job, `backup run --wait`,
 * the backup before a restore): the snapshot, then `objects.changed` and `credential.expiring` alerts,
 * the compliance scan (here, with its `compliance.regressed` alerts, or queued for the worker, whose
 * scan job sends them) and the retention pass; a failure sends `backup.failed` alerts. The steps after
 * the snapshot never fail the backup: a step that fails is logged and the snapshot stands. A credential
 * Okta refused marks the connection "needs attention" (and alerts); a completed backup clears that.
 */
export async function backUpConnection(
  deps: Deps & { db: Kysely<DB> },
  input: TBackUpConnectionInput,
): Promise<BackupOutcome> {
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  const d = { ...deps, jobs: deps.jobs };
  const target = { tenantId: input.tenantId, connectionId: input.connectionId };
  const snapshot = await runBackup(deps, input).catch(async (e) => {
    // Okta refused the credential: no retry can help (the job does not retry it); the connection
    // needs attention until its credential is replaced.
    const rejected = isCredentialRejection(e);
    await alertFailure(d, input, e, rejected);
    if (rejected) {
      await markNeedsAttention(d, { ...target, reason: (e as Error).message, appUrl: input.appUrl }).catch((err) =>
        deps.log.error({ err, ...target }, 'could not mark the connection as needing attention'),
      );
    }
    throw e;
  });
  await inTransaction(deps.db, (trx) => clearNeedsAttention({ ...deps, db: trx }, { ...target, via: 'backup' })).catch(
    (err) => deps.log.error({ err, ...target }, "could not clear the connection's needs-attention status"),
  );
  const { snapshotId } = snapshot;
  // Before retention: a retry after a later failure backs up again, finds no changes, and would not alert.
  await enqueueChangeAlerts(d, { tenantId: input.tenantId, snapshotId, appUrl: input.appUrl }).catch((err) =>
    deps.log.error({ err, ...target }, 'could not queue objects.changed alerts'),
  );
  await enqueueExpiryAlerts(d, { tenantId: input.tenantId, snapshotId, appUrl: input.appUrl }).catch((err) =>
    deps.log.error({ err, ...target }, 'could not queue credential.expiring alerts'),
  );
  const scanned = await scan(d, input, snapshotId);
  await pruneSnapshots(deps, target).catch((err) =>
    deps.log.error({ err, ...target }, 'retention after a backup failed'),
  );
  // The outcome leaves out what the caller passed in (the tenant) and the per-type counts.
  const { tenantId: _tenant, counts: _counts, ...completed } = snapshot;
  return { ...completed, scan: scanned };
}

/**
 * A scan failing never fails the backup; here or not, the worker's queued scan is the fallback. Run
 * here, its regressions alert here as the worker's scan job would (at most once per scanned snapshot).
 */
async function scan(
  deps: Deps & { jobs: JobQueue },
  input: TBackUpConnectionInput,
  snapshotId: string,
): Promise<BackupScan> {
  const { provider } = await deps.db
    .selectFrom('connections')
    .select('provider')
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.connectionId)
    .executeTakeFirstOrThrow();
  // A provider without a rule set: nothing to scan, and nothing failed (every provider has one today).
  if (!hasRuleset(provider)) return { ran: false, queued: false };
  if (input.scanHere) {
    const done = await runComplianceScan(deps, input.tenantId, { snapshotId, trigger: 'backup', reuse: true }).catch(
      (err) => {
        deps.log.error({ err, snapshotId }, 'the compliance scan after a backup failed; queueing it for the worker');
      },
    );
    if (done) {
      const alerts = await enqueueRegressionAlerts(deps, {
        tenantId: input.tenantId,
        scanId: done.id,
        ...(input.appUrl ? { appUrl: input.appUrl } : {}),
      }).catch((err) => {
        deps.log.error({ err, snapshotId, scanId: done.id }, 'could not queue compliance.regressed alerts');
        return { queued: 0 };
      });
      return { ran: true, scanId: done.id, counts: done.counts, regressionAlerts: alerts.queued };
    }
  }
  const queued = await requestComplianceScan(deps, input.tenantId, { snapshotId, trigger: 'backup' }).then(
    () => true,
    (err) => {
      deps.log.error({ err, snapshotId }, 'could not queue the compliance scan');
      return false;
    },
  );
  return { ran: false, queued };
}

/**
 * `backup.failed` alerts: the first attempt (people hear early) and the last (the queue gave up); the
 * retries between stay quiet. "Another backup is running" is not a failure. Alerting never masks the
 * backup's own error: its failures are logged.
 */
async function alertFailure(
  deps: Deps & { jobs: JobQueue },
  input: TBackUpConnectionInput,
  error: unknown,
  final: boolean,
) {
  if (isDomainError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) return;
  const { number, max } = input.attempt ?? { number: 1, max: 1 };
  const willRetry = !final && number < max;
  if (number !== 1 && willRetry) return;
  const message = (error as Error)?.message ?? String(error);
  await enqueueFailureAlerts(deps, {
    tenantId: input.tenantId,
    connectionId: input.connectionId,
    error: message,
    attempt: number,
    willRetry,
  }).catch((err) =>
    deps.log.error(
      { err, tenantId: input.tenantId, connectionId: input.connectionId },
      'could not queue backup.failed alerts',
    ),
  );
}
