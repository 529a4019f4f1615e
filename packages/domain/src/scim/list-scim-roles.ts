import { DomainError } from '../errors.ts';
import { ROLES } from '../permissions/matrix.ts';
import { isRole } from '../permissions/permissions.fns.ts';
import { parseScimFilter } from './filter.fns.ts';
import { paging } from './paging.fns.ts';
import { valueMatches } from './patch-path.fns.ts';
import { listResponse, toScimRole } from './scim.fns.ts';
import type { ListParams, ScimContext } from './types.ts';
import { ROLE_DISPLAY } from './urns.ts';

/**
 * GET /Roles: the five roles as Okta Identity Governance entitlements (ids are the role keys), in
 * precedence order. A static list, so a filter is evaluated in memory.
 */
export function listScimRoles(ctx: ScimContext, params: ListParams) {
  const filter = parseScimFilter(ctx, params.filter);
  const roles = filter
    ? ROLES.filter((r) => valueMatches(filter, { id: r, displayname: ROLE_DISPLAY[r] }))
    : [...ROLES];
  const { startIndex, count, offset } = paging(params);
  return listResponse(
    roles.slice(offset, offset + count).map((r) => toScimRole(r, ctx.baseUrl)),
    roles.length,
    startIndex,
  );
}

export function getScimRole(ctx: ScimContext, id: string) {
  if (!isRole(id)) throw new DomainError('NOT_FOUND', `Role ${id} not found`);
  return toScimRole(id, ctx.baseUrl);
}
