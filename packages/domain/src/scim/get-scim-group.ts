import { isUuid } from '../db.fns.ts';
import { notFound, scimTenantId } from './context.ts';
import { groupMembers } from './group-members.ts';
import { toScimGroup } from './scim.fns.ts';
import type { ScimDeps } from './types.ts';

/** GET /Groups/{id}; `excludeMembers` (Entra's excludedAttributes=members) skips loading them. */
export async function getScimGroup(deps: ScimDeps, id: string, opts: { excludeMembers?: boolean } = {}) {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('Group', id);
  const row = await deps.db
    .selectFrom('scim_groups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Group', id);
  const members = opts.excludeMembers ? undefined : (await groupMembers(deps.db, tenantId, [id])).get(id);
  return toScimGroup(row, members, deps.scim.baseUrl);
}
