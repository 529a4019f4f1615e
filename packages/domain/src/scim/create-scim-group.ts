import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import { scimTenantId, uniquenessError } from './context.ts';
import { assertMembersExist, lookupIds } from './group-members.ts';
import { groupAttrsFromBody } from './input.fns.ts';
import { lockMembers } from './lock-members.ts';
import { toScimGroup } from './scim.fns.ts';
import type { ScimDeps } from './types.ts';

/** POST /Groups. A new group has no role mapping yet, so no member's role changes. */
export async function createScimGroup(deps: ScimDeps, body: unknown) {
  const tenantId = scimTenantId(deps);
  const g = groupAttrsFromBody(body);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const locked = await lockMembers(trx, tenantId, lookupIds(g.members));
      assertMembersExist(g.members, locked);
      const row = await trx
        .insertInto('scim_groups')
        .values({ tenant_id: tenantId, display_name: g.displayName, external_id: g.externalId })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (g.members.length) {
        await trx
          .insertInto('scim_group_members')
          .values(g.members.map((member_id) => ({ tenant_id: tenantId, group_id: row.id, member_id })))
          .execute();
      }
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'scim_group.created',
          target: { type: 'scim_group', id: row.id },
          data: { displayName: row.display_name, added: g.members.length },
        },
      );
      const members = locked.rows.map((m) => ({ id: m.id, display: m.display_name ?? m.user_name }));
      return toScimGroup(row, members, deps.scim.baseUrl);
    });
  } catch (e) {
    throw uniquenessError(e);
  }
}
