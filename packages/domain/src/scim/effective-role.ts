import type { DB, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Role } from '../permissions/matrix.ts';
import type { LockedMembers } from './lock-members.ts';
import { type RoleState, effectiveRole } from './roles.fns.ts';

/** The roles each member receives from the mapped groups they belong to. */
export async function mappedRoles(trx: Transaction<DB>, tenantId: string, memberIds: readonly string[]) {
  const byMember = new Map<string, Role[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return byMember;
  const rows = await trx
    .selectFrom('scim_group_members as gm')
    .innerJoin('scim_group_roles as gr', 'gr.group_id', 'gm.group_id')
    .select(['gm.member_id', 'gr.role'])
    .where('gm.tenant_id', '=', tenantId)
    .where('gm.member_id', '=', (eb) => eb.fn.any(eb.val([...memberIds])))
    .execute();
  for (const r of rows) byMember.get(r.member_id)?.push(r.role as Role);
  return byMember;
}

export const lastSuperAdminError = (userName: string, memberId: string) =>
  new DomainError(
    'LAST_SUPER_ADMIN',
    `${userName} is the last active super_admin of this Butterfly tenant; assign the super_admin role to someone else first`,
    { fields: { memberId } },
  );

/**
 * Recomputes the effective role of locked members after a group membership or mapping changed, in
 * the caller's transaction. Refuses (LAST_SUPER_ADMIN, naming the member) a change that would leave
 * the tenant without an active super_admin.
 */
export async function recomputeRoles(
  deps: Deps & { db: Transaction<DB> },
  tenantId: string,
  locked: LockedMembers,
  via: string,
) {
  const mapped = await mappedRoles(
    deps.db,
    tenantId,
    locked.rows.map((r) => r.id),
  );
  let superAdmins = locked.activeSuperAdmins;
  for (const m of locked.rows) {
    const current: RoleState = { role: m.role as Role, roleSource: m.role_source as RoleState['roleSource'] };
    const next = effectiveRole(current, (m.scim_role as Role | null) ?? null, mapped.get(m.id) ?? []);
    if (next.role === current.role && next.roleSource === current.roleSource) continue;
    if (m.role === 'super_admin' && next.role !== 'super_admin' && m.active) {
      if (superAdmins <= 1) throw lastSuperAdminError(m.user_name, m.id);
      superAdmins--;
    }
    await deps.db
      .updateTable('members')
      .set({ role: next.role, role_source: next.roleSource, updated_at: deps.clock() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', m.id)
      .execute();
    if (next.role !== current.role) {
      await appendAuditEvent(deps, {
        tenantId,
        action: 'member.role_changed',
        target: { type: 'member', id: m.id },
        data: { from: current.role, to: next.role, via },
      });
    }
  }
}
