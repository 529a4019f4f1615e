import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { toPlanView } from './restores.fns.ts';

/** The tenant's plans, newest first (optionally of one connection). */
export async function listRestorePlans(
  deps: Deps,
  tenantId: string,
  input: { connectionId?: string; limit?: number } = {},
) {
  await authorize(deps, tenantId, 'snapshot.read');
  let q = deps.db
    .selectFrom('restore_plans')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .limit(Math.min(input.limit ?? 50, 200));
  if (input.connectionId) q = q.where('connection_id', '=', input.connectionId);
  return (await q.execute()).map(toPlanView);
}
