import { ROLES, type Role } from '../permissions/matrix.ts';
import { isRole } from '../permissions/permissions.fns.ts';
import { scimInvalid } from './scim-error.ts';

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

export function asRole(v: unknown): Role {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : v;
  if (isRole(s)) return s;
  throw scimInvalid('invalidValue', `Unknown role ${JSON.stringify(v)}; roles are ${ROLES.join(', ')}`);
}

/** The distinct roles of a SCIM `roles` value (`[{ "value": "admin" }]`, or bare strings). */
export const roleValues = (v: unknown): Set<Role> =>
  new Set(asArray(v).map((r) => asRole(isPlainObject(r) ? field(r, 'value') : r)));

/** A SCIM `roles` value: none (null) or exactly one role; more than one is refused. */
export function parseRoles(v: unknown): Role | null {
  const roles = roleValues(v);
  if (roles.size > 1) throw scimInvalid('invalidValue', `A user holds one role; got ${[...roles].join(', ')}`);
  return roles.values().next().value ?? null;
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
