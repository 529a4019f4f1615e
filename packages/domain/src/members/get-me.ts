import type { Deps } from '../deps.ts';
import type { Permission, Role } from '../permissions/matrix.ts';
import { permissionsOf } from '../permissions/permissions.fns.ts';
import { findMember } from './find-member.ts';
import { type MemberView, toMemberView } from './members.fns.ts';

/** The signed-in member, their tenant, what their role lets them do, and how they came in (`V`: the caller's kinds). */
export interface Me<V extends string = string> {
  member: MemberView;
  tenant: { id: string; slug: string; name: string };
  permissions: Permission[];
  via: V;
}

/**
 * The signed-in member as the dashboard shows them: who they are, their tenant, and what their role
 * lets them do. The caller has authenticated the member (and checked `dashboard.view`); the tenant
 * scopes both reads.
 */
export async function getMe<V extends string>(
  deps: Pick<Deps, 'db'>,
  tenantId: string,
  principal: { memberId: string; role: Role; via: V },
): Promise<Me<V>> {
  const member = await findMember(deps.db, tenantId, principal.memberId);
  const tenant = await deps.db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return { member: toMemberView(member), tenant, permissions: permissionsOf(principal.role), via: principal.via };
}
