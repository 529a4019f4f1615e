import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import { isDomainError } from '../errors.ts';
import { auditLastSuperAdminRefusal } from '../members/guard-last-super-admin.ts';
import { notFound, scimTenantId, uniquenessError } from './context.ts';
import { recomputeRoles } from './effective-role.ts';
import { assertMembersExist, groupMembers, lookupIds } from './group-members.ts';
import { validateGroup } from './input.fns.ts';
import { lockMembers } from './lock-members.ts';
import { toScimGroup } from './scim.fns.ts';
import type { GroupAttrs, ScimDeps } from './types.ts';

const AUDITED_IDS = 100;

/**
 * The one write path of PUT and PATCH /Groups: locks the group, then every member whose membership
 * changes (before writing group_members), applies the change, and recomputes those members' roles
 * when the group is mapped to one.
 */
export async function writeScimGroup(deps: ScimDeps, id: string, compute: (current: GroupAttrs) => GroupAttrs) {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('Group', id);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const group = await trx
        .selectFrom('scim_groups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!group) throw notFound('Group', id);
      const currentIds = (
        await trx.selectFrom('scim_group_members').select('member_id').where('group_id', '=', id).execute()
      ).map((r) => r.member_id);
      const next = validateGroup(
        compute({ displayName: group.display_name, externalId: group.external_id, members: currentIds }),
      );
      const before = new Set(currentIds);
      const after = new Set(next.members);
      const added = next.members.filter((m) => !before.has(m));
      const removed = currentIds.filter((m) => !after.has(m));
      const renamed = next.displayName !== group.display_name || next.externalId !== group.external_id;
      const resource = async (row: typeof group) =>
        toScimGroup(row, (await groupMembers(trx, tenantId, [id])).get(id), deps.scim.baseUrl);
      if (!renamed && !added.length && !removed.length) return resource(group);

      const locked = await lockMembers(trx, tenantId, lookupIds([...added, ...removed]));
      assertMembersExist(added, locked);
      const row = await trx
        .updateTable('scim_groups')
        .set({ display_name: next.displayName, external_id: next.externalId, updated_at: deps.clock() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (removed.length)
        await trx
          .deleteFrom('scim_group_members')
          .where('group_id', '=', id)
          .where('member_id', '=', (eb) => eb.fn.any(eb.val(removed)))
          .execute();
      if (added.length)
        await trx
          .insertInto('scim_group_members')
          .values(added.map((member_id) => ({ tenant_id: tenantId, group_id: id, member_id })))
          .execute();
      const tx = { ...deps, db: trx };
      await recomputeRoles(tx, tenantId, locked, `group:${row.display_name}`);
      await appendAuditEvent(tx, {
        tenantId,
        action: 'scim_group.updated',
        target: { type: 'scim_group', id },
        data: {
          displayName: row.display_name,
          renamed,
          added: added.slice(0, AUDITED_IDS),
          removed: removed.slice(0, AUDITED_IDS),
          addedCount: added.length,
          removedCount: removed.length,
        },
      });
      return resource(row);
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN' && e.fields?.memberId) {
      await auditLastSuperAdminRefusal(deps, tenantId, e.fields.memberId, 'member.role_changed');
    }
    throw uniquenessError(e);
  }
}
