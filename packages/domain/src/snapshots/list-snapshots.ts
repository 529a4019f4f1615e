import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { toSnapshotView } from './snapshot-view.fns.ts';

/** Snapshots of a tenant (optionally one connection), newest first. Running and failed ones are listed as such. */
export async function listSnapshots(
  deps: Deps,
  tenantId: string,
  input: { connectionId?: string; limit?: number } = {},
) {
  await authorize(deps, tenantId, 'dashboard.view');
  let q = deps.db.selectFrom('snapshots').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', 'full');
  if (input.connectionId) q = q.where('connection_id', '=', input.connectionId);
  const rows = await q
    .orderBy('started_at', 'desc')
    .limit(Math.min(input.limit ?? 100, 1000))
    .execute();
  return rows.map(toSnapshotView);
}
