import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import { isDomainError } from '../errors.ts';
import { auditLastSuperAdminRefusal } from '../members/guard-last-super-admin.ts';
import { notFound, scimTenantId } from './context.ts';
import { recomputeRoles } from './effective-role.ts';
import { lockMembers } from './lock-members.ts';
import type { ScimDeps } from './types.ts';

/** DELETE /Groups/{id}: memberships and the role mapping go with it; members' roles are recomputed. */
export async function deleteScimGroup(deps: ScimDeps, id: string): Promise<void> {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('Group', id);
  try {
    await inTransaction(deps.db, async (trx) => {
      const group = await trx
        .selectFrom('scim_groups')
        .select(['id', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!group) throw notFound('Group', id);
      const memberIds = (
        await trx.selectFrom('scim_group_members').select('member_id').where('group_id', '=', id).execute()
      ).map((r) => r.member_id);
      const locked = await lockMembers(trx, tenantId, memberIds);
      await trx.deleteFrom('scim_groups').where('id', '=', id).execute();
      const tx = { ...deps, db: trx };
      await recomputeRoles(tx, tenantId, locked, `group:${group.display_name} deleted`);
      await appendAuditEvent(tx, {
        tenantId,
        action: 'scim_group.deleted',
        target: { type: 'scim_group', id },
        data: { displayName: group.display_name, members: memberIds.length },
      });
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN' && e.fields?.memberId) {
      await auditLastSuperAdminRefusal(deps, tenantId, e.fields.memberId, 'member.role_changed');
    }
    throw e;
  }
}
