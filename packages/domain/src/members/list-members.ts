import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { toMemberView } from './members.fns.ts';

export async function listMembers(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'member.read');
  const rows = await deps.db
    .selectFrom('members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('email')
    .execute();
  return rows.map(toMemberView);
}
