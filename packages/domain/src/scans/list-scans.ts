import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { checkIdFilter, toScanView } from './scans.fns.ts';

/** Scans of a tenant (optionally one connection or one snapshot), newest snapshot first. */
export async function listScans(
  deps: Deps,
  tenantId: string,
  input: { connectionId?: string; snapshotId?: string; limit?: number } = {},
) {
  await authorize(deps, tenantId, 'compliance.read');
  checkIdFilter(input.connectionId, 'connection');
  checkIdFilter(input.snapshotId, 'snapshot');
  let q = deps.db.selectFrom('scans').selectAll().where('tenant_id', '=', tenantId);
  if (input.connectionId) q = q.where('connection_id', '=', input.connectionId);
  if (input.snapshotId) q = q.where('snapshot_id', '=', input.snapshotId);
  const rows = await q
    .orderBy('snapshot_taken_at', 'desc')
    .orderBy('started_at', 'desc')
    .limit(Math.min(input.limit ?? 100, 1000))
    .execute();
  return rows.map(toScanView);
}
