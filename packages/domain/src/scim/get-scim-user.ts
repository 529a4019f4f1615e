import { isUuid } from '../db.fns.ts';
import { notFound, scimTenantId } from './context.ts';
import { toScimUser } from './scim.fns.ts';
import type { ScimDeps } from './types.ts';

/** GET /Users/{id}; a deactivated user is still returned (active: false). Other tenants' ids: 404. */
export async function getScimUser(deps: ScimDeps, id: string) {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('User', id);
  const row = await deps.db
    .selectFrom('members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('User', id);
  return toScimUser(row, deps.scim.baseUrl);
}
