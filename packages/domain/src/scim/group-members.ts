import type { Db } from '../deps.ts';
import { isUuid } from '../db.fns.ts';
import type { LockedMembers } from './lock-members.ts';
import { scimInvalid } from './scim-error.ts';

export type MemberRef = { id: string; display: string };

/** Members of the given groups, as `members` shows them (display: displayName, else userName). */
export async function groupMembers(
  db: Db,
  tenantId: string,
  groupIds: readonly string[],
): Promise<Map<string, MemberRef[]>> {
  const byGroup = new Map<string, MemberRef[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .selectFrom('scim_group_members as gm')
    .innerJoin('members as m', 'm.id', 'gm.member_id')
    .select(['gm.group_id', 'm.id', 'm.display_name', 'm.user_name'])
    .where('gm.tenant_id', '=', tenantId)
    .where('gm.group_id', '=', (eb) => eb.fn.any(eb.val([...groupIds])))
    .orderBy('gm.created_at')
    .orderBy('m.id')
    .execute();
  for (const r of rows) byGroup.get(r.group_id)?.push({ id: r.id, display: r.display_name ?? r.user_name });
  return byGroup;
}

/** Refuses member ids that are not users of this tenant (another tenant's id is simply unknown here). */
export function assertMembersExist(ids: readonly string[], locked: LockedMembers) {
  const found = new Set(locked.rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw scimInvalid('invalidValue', `No such user: ${missing.slice(0, 5).join(', ')}`);
}

/** Only well-formed ids can be looked up; the rest are reported as missing by assertMembersExist. */
export const lookupIds = (ids: readonly string[]) => ids.filter(isUuid);
