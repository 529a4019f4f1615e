import type { Selectable } from '@butterfly/db';
import type { ScimGroups } from '@butterfly/db';
import type { MemberRow } from '../members/members.fns.ts';
import type { Role } from '../permissions/matrix.ts';
import type { UserAttrs } from './types.ts';
import { ROLE_DISPLAY, URN } from './urns.ts';
import { canonicalRoles } from './values.fns.ts';

export type GroupRow = Selectable<ScimGroups>;
export type ScimResource = Record<string, unknown> & { id: string; meta: { version: string; location: string } };

/** Weak ETag from the row's version counter (bumped by a trigger on every update). */
export const etag = (version: number) => `W/"${version}"`;

const meta = (
  resourceType: string,
  location: string,
  row: { created_at: Date; updated_at: Date; version: number },
) => ({
  resourceType,
  created: row.created_at.toISOString(),
  lastModified: row.updated_at.toISOString(),
  location,
  version: etag(row.version),
});

/** Drops unassigned attributes: RFC 7643 §2.5 has them omitted rather than null. */
const compact = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/**
 * A member as a SCIM User. `roles` is the effective role (what the user can do), one value; the
 * IdP's direct assignment is kept apart so precedence with mapped groups can be recomputed.
 */
export function toScimUser(m: MemberRow, baseUrl: string): ScimResource {
  const name = compact({ givenName: m.given_name, familyName: m.family_name });
  return compact({
    schemas: [URN.user],
    id: m.id,
    externalId: m.external_id,
    userName: m.user_name,
    name: Object.keys(name).length ? name : null,
    displayName: m.display_name,
    emails: [{ value: m.email, type: 'work', primary: true }],
    locale: m.locale,
    active: m.active,
    roles: [roleValue(m.role as Role)],
    meta: meta('User', `${baseUrl}/Users/${m.id}`, m),
  }) as ScimResource;
}

export const roleValue = (role: Role) => ({ value: role, display: ROLE_DISPLAY[role], primary: true });

export function toScimGroup(
  g: GroupRow,
  members: { id: string; display: string }[] | undefined,
  baseUrl: string,
): ScimResource {
  return compact({
    schemas: [URN.group],
    id: g.id,
    externalId: g.external_id,
    displayName: g.display_name,
    members: members?.map((m) => ({ value: m.id, display: m.display, type: 'User', $ref: `${baseUrl}/Users/${m.id}` })),
    meta: meta('Group', `${baseUrl}/Groups/${g.id}`, g),
  }) as ScimResource;
}

export function toScimRole(role: Role, baseUrl: string) {
  return {
    schemas: [URN.role],
    id: role,
    displayName: ROLE_DISPLAY[role],
    meta: { resourceType: 'Role', location: `${baseUrl}/Roles/${role}` },
  };
}

/** The attributes of a member row a PATCH starts from (roles: the IdP's direct assignments). */
export function userAttrsOf(m: MemberRow): UserAttrs {
  return {
    userName: m.user_name,
    givenName: m.given_name,
    familyName: m.family_name,
    displayName: m.display_name,
    email: m.email,
    locale: m.locale,
    externalId: m.external_id,
    active: m.active,
    roles: canonicalRoles(m.scim_roles as Role[]),
  };
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return {
    schemas: [URN.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) on top-level attributes; `id` and
 * `schemas` are always returned.
 */
export function project<T extends Record<string, unknown>>(
  r: T,
  opts: { attributes?: string[]; excludedAttributes?: string[] },
): T {
  const top = (a: string) =>
    a
      .replace(/^urn:.*:/i, '')
      .split('.')[0]!
      .toLowerCase();
  const keep = opts.attributes?.length ? new Set([...opts.attributes.map(top), 'id', 'schemas']) : undefined;
  const drop = new Set((opts.excludedAttributes ?? []).map(top).filter((a) => a !== 'id' && a !== 'schemas'));
  return Object.fromEntries(
    Object.entries(r).filter(([k]) => (!keep || keep.has(k.toLowerCase())) && !drop.has(k.toLowerCase())),
  ) as T;
}
