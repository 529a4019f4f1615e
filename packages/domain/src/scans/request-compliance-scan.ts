import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { complianceScanJobKey } from './scans.fns.ts';

/**
 * Queues a scan of a complete snapshot for the worker (after a backup, or on demand). The job key is
 * per snapshot, so a backup retried or a double click queues one scan, not two.
 */
export async function requestComplianceScan(
  deps: Deps,
  tenantId: string,
  input: { snapshotId: string; trigger?: 'manual' | 'backup' | 'api' },
) {
  await authorize(deps, tenantId, 'compliance.run');
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue configured');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const payload = { tenantId, snapshotId: snap.id, trigger: input.trigger ?? 'manual' };
  return deps.jobs.enqueue(deps.db, 'compliance_scan', payload, { jobKey: complianceScanJobKey(snap.id) });
}
