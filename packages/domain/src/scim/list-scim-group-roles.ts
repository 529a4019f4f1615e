import { sql } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';

/** The tenant's pushed groups with their mapped role (null: none) and member count. */
export async function listScimGroupRoles(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'scim.manage');
  const rows = await deps.db
    .selectFrom('scim_groups as g')
    .leftJoin('scim_group_roles as r', 'r.group_id', 'g.id')
    .select(['g.id', 'g.display_name', 'r.role'])
    .select(sql<number>`(select count(*)::int from scim_group_members gm where gm.group_id = g.id)`.as('members'))
    .where('g.tenant_id', '=', tenantId)
    .orderBy('g.display_name')
    .execute();
  return rows.map((r) => ({ groupId: r.id, displayName: r.display_name, role: r.role, members: r.members }));
}
