import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { toConnectionView, VIEW_COLUMNS } from './connections.fns.ts';

/**
 * The tenant's connections. Those deleted with their snapshots kept are left out unless asked for
 * (`includeDeleted`): pickers (restore, compliance) must not offer them; the connections page lists them apart.
 */
export async function listConnections(deps: Deps, tenantId: string, opts: { includeDeleted?: boolean } = {}) {
  await authorize(deps, tenantId, 'dashboard.view');
  let q = deps.db.selectFrom('connections').select(VIEW_COLUMNS).where('tenant_id', '=', tenantId);
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  const rows = await q
    .orderBy('name')
    .orderBy('deleted_at', (ob) => ob.desc().nullsFirst())
    .execute();
  return rows.map(toConnectionView);
}
