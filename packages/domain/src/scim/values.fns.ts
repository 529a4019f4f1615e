import { ROLES, type Role } from '../permissions/matrix.ts';
import { scimInvalid } from './scim-error.ts';
import { ROLE_DISPLAY } from './urns.ts';

/**
 * Coercions of attribute values as IdPs send them. Entra sends booleans as "True"/"False" strings;
 * multi-valued attributes arrive as arrays, single objects or bare values.
 */
export function asString(v: unknown, what: string): string | null {
  if (v === null) return v;
  if (typeof v !== 'string') throw scimInvalid('invalidValue', `${what} must be a string`);
  // Postgres text cannot hold NUL; refusing it here keeps the error a 400 with the attribute named.
  if (v.includes('\u0000')) throw scimInvalid('invalidValue', `${what} contains a NUL character`);
  return v;
}

export function asBool(v: unknown, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw scimInvalid('invalidValue', `${what} must be true or false`);
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `key` of an object case-insensitively (attribute names are case-insensitive). */
export function field(o: Record<string, unknown>, key: string): unknown {
  if (key in o) return o[key];
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

const asArray = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The one email kept of a SCIM `emails` value: the primary one, else the work one, else the first. */
export function pickEmail(v: unknown): string | null {
  const items = asArray(v).map((e) => (isPlainObject(e) ? e : { value: e }));
  const primary = items.find(
    (e) => field(e, 'primary') === true || String(field(e, 'primary')).toLowerCase() === 'true',
  );
  const work = items.find((e) => String(field(e, 'type')).toLowerCase() === 'work');
  const chosen = primary ?? work ?? items[0];
  return chosen === undefined ? null : asString(field(chosen, 'value') ?? null, 'emails.value');
}

/** Role names compare case-insensitively and without separators: `Backup operator` = `backup_operator`. */
const roleName = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((r) => [
    [roleName(r), r],
    [roleName(ROLE_DISPLAY[r]), r],
  ]),
);

/** A role from its key or its display name (Entra app role values and display names vary in case). */
export function asRole(v: unknown): Role {
  const role = typeof v === 'string' ? ROLE_BY_NAME.get(roleName(v)) : undefined;
  if (role) return role;
  throw scimInvalid(
    'invalidValue',
    `Unknown role ${JSON.stringify(v)}; roles are ${ROLES.join(', ')} (or their display names)`,
  );
}

/**
 * Entra's PATCH of `roles` (AppRoleAssignmentsComplex) wraps each assignment as stringified JSON:
 * `{"value":"{\"id\":\"<assignment>\",\"value\":\"admin\",\"displayName\":\"Admin\"}"}`.
 */
function unwrapJson(v: unknown): unknown {
  if (typeof v !== 'string' || !v.trim().startsWith('{')) return v;
  let inner: unknown;
  try {
    inner = JSON.parse(v);
  } catch {
    throw scimInvalid('invalidValue', `Unknown role ${JSON.stringify(v)}: not valid JSON`);
  }
  if (!isPlainObject(inner)) throw scimInvalid('invalidValue', 'A role must be a role key or an object with "value"');
  return field(inner, 'value');
}

/** The role of one item of a SCIM `roles` value: `{ "value": "admin", ... }`, a bare key, or Entra's JSON. */
export function roleOf(item: unknown): Role {
  const v = unwrapJson(isPlainObject(item) ? field(item, 'value') : item);
  return asRole(isPlainObject(v) ? field(v, 'value') : unwrapJson(v));
}

/** Entra's app role assignments (AppRoleAssignmentsComplex) as a POST or PUT carries them. */
const isEntraAssignment = (item: unknown) =>
  isPlainObject(item) && field(item, 'type') === 'WindowsAzureActiveDirectoryRole';

/**
 * The distinct roles of a SCIM `roles` value, highest first. Any unknown role refuses the whole value.
 * A whole `roles` value (POST, PUT) holds one role (scim.md: more than one is 400), except Entra's app
 * role assignments, which are a set whose highest wins (decision 055); PATCH operations on `roles`
 * (`wholeValue: false`) add and remove assignments one at a time, so they are sets too.
 */
export function parseRoles(v: unknown, o: { wholeValue: boolean }): Role[] {
  const items = asArray(v);
  const roles = canonicalRoles(items.map(roleOf));
  if (o.wholeValue && roles.length > 1 && !items.every(isEntraAssignment))
    throw scimInvalid(
      'invalidValue',
      `A user holds one role; got ${roles.join(', ')} (several are accepted only as Entra ID app role assignments)`,
    );
  return roles;
}

/** Distinct roles in precedence order (super_admin first): one spelling of a set, for storage and compares. */
export function canonicalRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}

/** Member ids of a group `members` value: `[{ "value": "id" }, ...]`. */
export function memberIds(v: unknown): string[] {
  return [
    ...new Set(
      asArray(v).map((m) => {
        const id = isPlainObject(m) ? field(m, 'value') : m;
        if (typeof id !== 'string' || !id)
          throw scimInvalid('invalidValue', 'Each member needs a "value" with the user id');
        return id;
      }),
    ),
  ];
}
