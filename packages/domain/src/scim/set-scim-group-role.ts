import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { auditLastSuperAdminRefusal } from '../members/guard-last-super-admin.ts';
import { ZRole } from '../members/members.fns.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { recomputeRoles } from './effective-role.ts';
import { lockMembers } from './lock-members.ts';

export const ZSetScimGroupRoleInput = z.object({
  /** The group's id or displayName (case-insensitive). */
  group: z.string().trim().min(1),
  /** null removes the mapping. */
  role: ZRole.nullable(),
});
export type TSetScimGroupRoleInput = z.input<typeof ZSetScimGroupRoleInput>;

/**
 * Maps a pushed group to a role (push-group-to-role), or removes the mapping, and recomputes the
 * effective role of every member of the group in the same transaction.
 */
export async function setScimGroupRole(deps: Deps, tenantId: string, raw: TSetScimGroupRoleInput) {
  const input = parseInput(ZSetScimGroupRoleInput, raw);
  await authorize(deps, tenantId, 'scim.manage');
  try {
    return await inTransaction(deps.db, async (trx) => {
      const group = await trx
        .selectFrom('scim_groups')
        .select(['id', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where((eb) =>
          isUuid(input.group)
            ? eb('id', '=', input.group)
            : eb(eb.fn('lower', ['display_name']), '=', input.group.toLowerCase()),
        )
        .forUpdate()
        .executeTakeFirst();
      if (!group) throw new DomainError('NOT_FOUND', `No SCIM group "${input.group}"`);
      const before = await trx
        .selectFrom('scim_group_roles')
        .select('role')
        .where('group_id', '=', group.id)
        .executeTakeFirst();
      const memberIds = (
        await trx.selectFrom('scim_group_members').select('member_id').where('group_id', '=', group.id).execute()
      ).map((r) => r.member_id);
      const locked = await lockMembers(trx, tenantId, memberIds);
      if (input.role === null) await trx.deleteFrom('scim_group_roles').where('group_id', '=', group.id).execute();
      else {
        await trx
          .insertInto('scim_group_roles')
          .values({ group_id: group.id, tenant_id: tenantId, role: input.role })
          .onConflict((oc) => oc.column('group_id').doUpdateSet({ role: input.role! }))
          .execute();
      }
      const tx = { ...deps, db: trx };
      await recomputeRoles(tx, tenantId, locked, `group:${group.display_name}`);
      await appendAuditEvent(tx, {
        tenantId,
        action: 'scim_group.role_mapped',
        target: { type: 'scim_group', id: group.id },
        data: { displayName: group.display_name, from: before?.role ?? null, to: input.role },
      });
      return { groupId: group.id, displayName: group.display_name, role: input.role, members: memberIds.length };
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN' && e.fields?.memberId) {
      await auditLastSuperAdminRefusal(deps, tenantId, e.fields.memberId, 'member.role_changed');
    }
    throw e;
  }
}
