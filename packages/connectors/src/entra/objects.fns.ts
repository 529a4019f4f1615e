import type { IdpObject } from '@butterfly/domain/idp';
import { redactInPlace, valueAt } from '../okta/json-path.fns.ts';
import type { EntraObjectType } from './catalog.ts';
import { EntraError } from './errors.ts';

/**
 * OData annotations are navigation (`@odata.context`, `@odata.nextLink`, `@odata.deltaLink`,
 * `@odata.id`, `@odata.etag`, `members@odata.navigationLink`, …) and go; `@odata.type` is data (it
 * says a named location is an IP range or a country list, a member a user or a group) and stays.
 */
export function withoutOdata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOdata);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (k === '@odata.type' || !k.includes('@odata.')) out[k] = withoutOdata(v);
  return out;
}

export function keyOf(def: EntraObjectType, item: unknown): string {
  const v = valueAt(item, def.idField ?? 'id');
  if (typeof v !== 'string' || !v)
    throw new EntraError(`A ${def.type} from GET ${def.list} has no ${def.idField ?? 'id'}`);
  return v;
}

/**
 * An object's id within its type: the keys of its non-singleton ancestors and its own, joined by
 * '/' (Graph ids are GUIDs or names without one). A singleton's id is its parent's, or `default`.
 */
export function objectId(def: EntraObjectType, ancestors: readonly string[], item: unknown): string {
  if (def.singleton) return ancestors.join('/') || 'default';
  return [...ancestors, keyOf(def, item)].join('/');
}

/** The body as stored: navigation stripped, embedded children left to their own type, secrets redacted. */
export function toIdpObject(def: EntraObjectType, id: string, raw: unknown, drop: readonly string[] = []): IdpObject {
  const body = withoutOdata(raw) as Record<string, unknown>;
  for (const f of drop) delete body[f];
  const redacted = def.secrets ? redactInPlace(body, def.secrets) : [];
  return { type: def.type, id, body, ...(redacted.length ? { redacted } : {}) };
}

/** A relation list kept as one object (decision 014): the members' keys, sorted, so equal lists are equal bodies. */
export function collapsed(def: EntraObjectType, id: string, items: readonly unknown[]): IdpObject {
  const { field, keep } = def.collapse!;
  // Plain keys, not paths: `@odata.type` has a dot in it.
  const rows = items.map((it) =>
    Object.fromEntries(keep.map((k) => [k, (it as Record<string, unknown>)[k]]).filter(([, v]) => v !== undefined)),
  );
  rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { type: def.type, id, body: { [field]: rows } };
}
