import { runComplianceScan } from '@butterfly/domain/scans';
import { enqueueRegressionAlerts } from '@butterfly/domain/webhooks';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';

/**
 * Scans one snapshot (queued after every successful backup, or on demand). At-least-once: a retried
 * job finds the scan its first attempt stored for this snapshot and rule set, and stops there (its
 * regression alerts, queued once per snapshot, are not queued twice).
 */
export const complianceScanTask = (rt: JobRuntime) =>
  registeredTask('compliance_scan', async (p, helpers) => {
    // With the queue: a scan closes and alerts the exceptions that expired before it (decision 038).
    const deps = { ...systemDeps(rt, `job:compliance_scan:${helpers.job.id}`), jobs: rt.jobs };
    const scan = await runComplianceScan(deps, p.tenantId, {
      snapshotId: p.snapshotId,
      trigger: p.trigger,
      reuse: true,
      // Run scan: a fresh scan even of a scanned snapshot, reported as started by who clicked.
      ...(p.requestedAt ? { reuseSince: new Date(p.requestedAt) } : {}),
      ...(p.requestedBy ? { startedBy: p.requestedBy } : {}),
    });
    helpers.logger.info(`scan ${scan.id} of snapshot ${p.snapshotId}: ${JSON.stringify(scan.counts)}`);
    // Rules that passed on the previous scan and fail now reach subscribed channels (decision 039),
    // at most once per scanned snapshot, so a retry of this job after the scan was stored is harmless.
    await enqueueRegressionAlerts(
      { ...deps, jobs: rt.jobs },
      { tenantId: p.tenantId, scanId: scan.id, ...(rt.appUrl ? { appUrl: rt.appUrl } : {}) },
    );
  });
