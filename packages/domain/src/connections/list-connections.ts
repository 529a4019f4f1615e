import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { toConnectionView, VIEW_COLUMNS } from './connections.fns.ts';

export async function listConnections(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'dashboard.view');
  const rows = await deps.db.selectFrom('connections').select(VIEW_COLUMNS).where('tenant_id', '=', tenantId).orderBy('name').execute();
  return rows.map(toConnectionView);
}
