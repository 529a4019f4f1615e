import { scimInvalid } from './scim-error.ts';
import type { GroupAttrs, UserAttrs } from './types.ts';
import { URN } from './urns.ts';
import { asBool, asString, field, isPlainObject, memberIds, parseRoles, pickEmail } from './values.fns.ts';

/** The body must be a JSON object naming the resource's core schema (RFC 7643 §3). */
export function requireSchema(body: unknown, urn: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw scimInvalid('invalidSyntax', 'The body must be a JSON object');
  const schemas = field(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) {
    throw scimInvalid('invalidSyntax', `"schemas" must include ${urn}`);
  }
  return body;
}

/**
 * The kept attributes of a POST or PUT /Users body. Everything else (password, enterprise extension,
 * phone numbers, ...) is ignored: never stored, never echoed. A body without `roles` leaves the direct
 * role as it is (undefined); `roles: []` clears it. A body without `active` keeps the current state,
 * so a profile update can never reactivate anyone by omission.
 */
export function userAttrsFromBody(raw: unknown, current?: Pick<UserAttrs, 'active'>): UserAttrs {
  const body = requireSchema(raw, URN.user);
  const name = field(body, 'name');
  if (name !== undefined && name !== null && !isPlainObject(name))
    throw scimInvalid('invalidValue', 'name must be an object');
  const n = (key: string) => (isPlainObject(name) ? (asString(field(name, key) ?? null, `name.${key}`) ?? null) : null);
  const opt = (key: string) => asString(field(body, key) ?? null, key);
  const active = field(body, 'active');
  const roles = field(body, 'roles');
  return validateUser({
    userName: asString(field(body, 'userName') ?? null, 'userName') ?? '',
    givenName: n('givenName'),
    familyName: n('familyName'),
    displayName: opt('displayName'),
    email: pickEmail(field(body, 'emails')),
    locale: opt('locale'),
    externalId: opt('externalId'),
    active: active === undefined || active === null ? (current?.active ?? true) : asBool(active, 'active'),
    roles: roles === undefined ? undefined : parseRoles(roles, { wholeValue: true }),
  });
}

const LIMITS = {
  userName: 320,
  givenName: 200,
  familyName: 200,
  displayName: 400,
  email: 320,
  locale: 35,
  externalId: 256,
} as const;

/** Trims and bounds a user's attributes; empty strings are unassigned. userName is required. */
export function validateUser(u: UserAttrs): UserAttrs {
  const out: UserAttrs = { ...u };
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const v = out[key]?.trim() || null;
    if (v && v.length > LIMITS[key])
      throw scimInvalid('invalidValue', `${key} is longer than ${LIMITS[key]} characters`);
    (out as unknown as Record<string, string | null>)[key] = v;
  }
  if (!out.userName) throw scimInvalid('invalidValue', 'userName is required');
  return out;
}

/** The attributes of a POST or PUT /Groups body; a PUT without `members` leaves the group empty. */
export function groupAttrsFromBody(raw: unknown): GroupAttrs {
  const body = requireSchema(raw, URN.group);
  return validateGroup({
    displayName: asString(field(body, 'displayName') ?? null, 'displayName') ?? '',
    externalId: asString(field(body, 'externalId') ?? null, 'externalId'),
    members: memberIds(field(body, 'members')),
  });
}

export function validateGroup(g: GroupAttrs): GroupAttrs {
  const displayName = g.displayName.trim();
  const externalId = g.externalId?.trim() || null;
  if (!displayName) throw scimInvalid('invalidValue', 'displayName is required');
  if (displayName.length > 256) throw scimInvalid('invalidValue', 'displayName is longer than 256 characters');
  if (externalId && externalId.length > 256)
    throw scimInvalid('invalidValue', 'externalId is longer than 256 characters');
  return { displayName, externalId, members: g.members };
}
