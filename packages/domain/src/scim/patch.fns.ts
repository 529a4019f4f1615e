import { type PatchTarget, type ResourceSchema, resolvePatchPath, valueMatches } from './patch-path.fns.ts';
import { ScimError, scimInvalid } from './scim-error.ts';
import type { ParseFilter, PatchOperation, UserAttrs } from './types.ts';
import { ROLE_DISPLAY, URN } from './urns.ts';
import { highestRole } from '../permissions/permissions.fns.ts';
import { asBool, asString, canonicalRoles, field, isPlainObject, parseRoles, pickEmail } from './values.fns.ts';

export const USER_SCHEMA: ResourceSchema = {
  name: 'User',
  kept: {
    username: [],
    name: ['givenname', 'familyname'],
    displayname: [],
    emails: ['value'],
    locale: [],
    externalid: [],
    active: [],
    roles: ['value'],
  },
  droppedSubs: {
    name: ['formatted', 'middlename', 'honorificprefix', 'honorificsuffix'],
    emails: ['type', 'primary', 'display'],
    roles: ['type', 'primary', 'display'],
  },
  readOnly: ['id', 'meta', 'groups'],
  dropped: [
    'nickname',
    'profileurl',
    'title',
    'usertype',
    'preferredlanguage',
    'timezone',
    'password',
    'phonenumbers',
    'ims',
    'photos',
    'addresses',
    'entitlements',
    'x509certificates',
  ],
  droppedExtensions: [URN.enterpriseUser],
};

export type Op = 'add' | 'replace' | 'remove';

/** Entra capitalises ops ("Replace"); RFC 7644 spells them in lower case. */
export function normalizeOp(o: PatchOperation): Op {
  const op = typeof o?.op === 'string' ? o.op.toLowerCase() : '';
  if (op === 'add' || op === 'replace' || op === 'remove') return op;
  throw scimInvalid('invalidSyntax', `Unknown PATCH op ${JSON.stringify(o?.op)}`);
}

/** Keys of a path-less value that describe the resource rather than set an attribute. */
const IGNORED_KEYS = new Set(['schemas', 'id', 'meta']);

/**
 * Path-less operations (Okta's `{"op":"replace","value":{"active":false}}`, newer Entra's dotted keys
 * `{"name.givenName":"Ann"}`) are the same as one operation per key, with the key as the path.
 */
export function expandPathless(op: Op, value: unknown, coreUrn: string): { path: string; value: unknown }[] {
  if (op === 'remove') throw scimInvalid('noTarget', 'A remove operation needs a path');
  if (!isPlainObject(value))
    throw scimInvalid('invalidValue', 'A PATCH operation without a path needs an object value');
  return Object.entries(value).flatMap(([key, v]) => {
    if (IGNORED_KEYS.has(key.toLowerCase())) return [];
    // Some clients nest core attributes under the schema URN.
    if (key.toLowerCase() === coreUrn.toLowerCase() && isPlainObject(v)) return expandPathless(op, v, coreUrn);
    return [{ path: key, value: v }];
  });
}

/** Applies PATCH operations, in order, to a user's kept attributes; returns the new attributes. */
export function applyUserPatch(current: UserAttrs, operations: PatchOperation[], parseFilter: ParseFilter): UserAttrs {
  const next: UserAttrs = { ...current };
  for (const o of operations) {
    const op = normalizeOp(o);
    const steps =
      o.path === undefined || o.path === null || o.path === ''
        ? expandPathless(op, o.value, URN.user)
        : [{ path: String(o.path), value: o.value }];
    for (const s of steps) applyToUser(next, op, resolvePatchPath(USER_SCHEMA, s.path, parseFilter), s.value);
  }
  return next;
}

function applyToUser(u: UserAttrs, op: Op, t: PatchTarget, value: unknown) {
  if (t.kind === 'drop') return;
  const set = op !== 'remove';
  const noFilter = (what: string) => {
    if (t.filter) throw scimInvalid('invalidPath', `${what} takes no value filter`);
  };
  switch (t.attr) {
    case 'username':
      noFilter('userName');
      if (!set) throw new ScimError('VALIDATION', 'mutability', 'userName is required and cannot be removed');
      u.userName = asString(value, 'userName') ?? '';
      return;
    case 'displayname':
    case 'locale':
    case 'externalid': {
      noFilter(t.attr);
      const key = t.attr === 'displayname' ? 'displayName' : t.attr === 'locale' ? 'locale' : 'externalId';
      u[key] = set ? asString(value, key) : null;
      return;
    }
    case 'active':
      noFilter('active');
      if (!set) throw scimInvalid('invalidValue', 'active cannot be removed; set it to false');
      u.active = asBool(value, 'active');
      return;
    case 'name':
      noFilter('name');
      return applyName(u, set, t.sub, value);
    case 'emails': {
      // We keep one email, shown as type work and primary: a filter selects it or nothing.
      if (t.filter && !valueMatches(t.filter, { value: u.email, type: 'work', primary: true })) return;
      if (!set) u.email = null;
      else u.email = t.sub === 'value' ? asString(value, 'emails.value') : pickEmail(value);
      return;
    }
    case 'roles':
      return applyRoles(u, op, t, value);
  }
}

function applyName(u: UserAttrs, set: boolean, sub: string | undefined, value: unknown) {
  if (sub) {
    const v = set ? asString(value, `name.${sub}`) : null;
    if (sub === 'givenname') u.givenName = v;
    else u.familyName = v;
    return;
  }
  if (!set) {
    u.givenName = null;
    u.familyName = null;
    return;
  }
  if (!isPlainObject(value)) throw scimInvalid('invalidValue', 'name must be an object');
  const given = field(value, 'givenName');
  const family = field(value, 'familyName');
  if (given !== undefined) u.givenName = asString(given, 'name.givenName');
  if (family !== undefined) u.familyName = asString(family, 'name.familyName');
}

/**
 * `roles` is a set of direct assignments (decision 055). `add` joins, `replace` sets, `remove` takes
 * away the listed values (or all without a value). A value filter (`roles[primary eq "True"].value`,
 * Entra's SingleAppRoleAssignment; `roles[value eq "admin"]`) selects among the current roles, the
 * highest of which is the primary one, and `add`/`replace` put the given roles in their place.
 */
function applyRoles(u: UserAttrs, op: Op, t: Extract<PatchTarget, { kind: 'attr' }>, value: unknown) {
  const current = u.roles ?? [];
  const primary = highestRole(current);
  const { filter } = t;
  const selected = filter
    ? current.filter((r) => valueMatches(filter, { value: r, display: ROLE_DISPLAY[r], primary: r === primary }))
    : current;
  const others = current.filter((r) => !selected.includes(r));
  if (op === 'remove') {
    const listed =
      value === undefined || value === null || t.sub ? undefined : new Set(parseRoles(value, { wholeValue: false }));
    u.roles = canonicalRoles([...others, ...selected.filter((r) => listed !== undefined && !listed.has(r))]);
    return;
  }
  const given = value === null ? [] : parseRoles(value, { wholeValue: false });
  if (op === 'add' && !filter) u.roles = canonicalRoles([...current, ...given]);
  else u.roles = canonicalRoles([...others, ...given]);
}
