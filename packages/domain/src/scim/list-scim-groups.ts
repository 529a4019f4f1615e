import { sql } from '@butterfly/db';
import { scimTenantId } from './context.ts';
import { GROUP_FILTER_ATTRS } from './filter-attrs.ts';
import { filterToSql, parseScimFilter } from './filter.fns.ts';
import { groupMembers } from './group-members.ts';
import { paging } from './paging.fns.ts';
import { listResponse, toScimGroup } from './scim.fns.ts';
import type { ListParams, ScimDeps } from './types.ts';

/** GET /Groups with filters (displayName eq, members[value eq "id"], ...) and paging, as for users. */
export async function listScimGroups(deps: ScimDeps, params: ListParams & { excludeMembers?: boolean }) {
  const tenantId = scimTenantId(deps);
  const filter = parseScimFilter(deps.scim, params.filter);
  const { startIndex, count, offset } = paging(params);
  let q = deps.db.selectFrom('scim_groups').where('scim_groups.tenant_id', '=', tenantId);
  if (filter) q = q.where(filterToSql(filter, GROUP_FILTER_ATTRS));
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
  const total =
    rows[0]?.total ??
    (count === 0 || offset > 0 ? (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n : 0);
  const members = params.excludeMembers
    ? undefined
    : await groupMembers(
        deps.db,
        tenantId,
        rows.map((r) => r.id),
      );
  return listResponse(
    rows.map(({ total: _, ...g }) => toScimGroup(g, members?.get(g.id), deps.scim.baseUrl)),
    total,
    startIndex,
  );
}
