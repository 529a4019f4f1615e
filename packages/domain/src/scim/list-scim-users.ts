import { sql } from '@butterfly/db';
import { scimTenantId } from './context.ts';
import { USER_FILTER_ATTRS } from './filter-attrs.ts';
import { filterToSql, parseScimFilter } from './filter.fns.ts';
import { paging } from './paging.fns.ts';
import { listResponse, toScimUser } from './scim.fns.ts';
import type { ListParams, ScimDeps } from './types.ts';

/**
 * GET /Users: the filter becomes one SQL condition with bound parameters, pages are in creation
 * order (stable while users are added), and the total comes with the page (one query).
 */
export async function listScimUsers(deps: ScimDeps, params: ListParams) {
  const tenantId = scimTenantId(deps);
  const filter = parseScimFilter(deps.scim, params.filter);
  const { startIndex, count, offset } = paging(params);
  let q = deps.db.selectFrom('members').where('members.tenant_id', '=', tenantId);
  if (filter) q = q.where(filterToSql(filter, USER_FILTER_ATTRS));
  const rows =
    count === 0
      ? []
      : await q
          .selectAll()
          .select(sql<number>`count(*) over ()::int`.as('total'))
          .orderBy('created_at')
          .orderBy('id')
          .offset(offset)
          .limit(count)
          .execute();
  // An empty page says nothing about the total: count separately (count=0, or a page past the end).
  const total =
    rows[0]?.total ??
    (count === 0 || offset > 0 ? (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n : 0);
  return listResponse(
    rows.map(({ total: _, ...m }) => toScimUser(m, deps.scim.baseUrl)),
    total,
    startIndex,
  );
}
