import { createHmac } from 'node:crypto';
import { canonical } from '../bodies/content-address.fns.ts';
import type { IdpClient, IdpObjectTypeInfo } from '../idp/types.ts';
import { hitsAt, idOfValue } from './paths.fns.ts';

/** One object of a snapshot, by type and IdP id. */
export interface ObjectRef {
  type: string;
  id: string;
}

/**
 * How the plan sees one object: its place under a parent (ids of child types are the ancestors'
 * keys and its own, joined by '/'), the references in its body, what may be compared and what is
 * only a timestamp, and a short name a person recognises.
 */
export type TypeIndex = ReadonlyMap<string, IdpObjectTypeInfo>;

/** A client's object types by name. */
export const typeIndexOf = (client: Pick<IdpClient, 'objectTypes'>): TypeIndex =>
  new Map(client.objectTypes().map((t) => [t.type, t]));

export const refKey = (type: string, id: string) => `${type}\u0000${id}`;
export const fromKey = (key: string): ObjectRef => {
  const i = key.indexOf('\u0000');
  return { type: key.slice(0, i), id: key.slice(i + 1) };
};

/** The parent object (a rule's policy), if the type has one. A singleton child's id is its parent's. */
export function parentOf(info: IdpObjectTypeInfo, id: string): ObjectRef | undefined {
  if (!info.parent) return undefined;
  if (info.singleton) return { type: info.parent, id };
  const i = id.lastIndexOf('/');
  return i < 0 ? undefined : { type: info.parent, id: id.slice(0, i) };
}

/** The object's own key within its parent (the last id segment), or undefined for singletons. */
export const ownKeyOf = (info: IdpObjectTypeInfo, id: string) =>
  info.singleton ? undefined : id.slice(id.lastIndexOf('/') + 1);

/** Always compared as unimportant: pure timestamps and navigation. Types add their own (info.volatile). */
export const ALWAYS_VOLATILE = ['created', 'lastUpdated', '_links'];

/** A copy without the volatile fields (top-level names, or dot paths into objects). */
export function withoutVolatile(info: IdpObjectTypeInfo | undefined, body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  // Relation rows whose meaning is in `_links` keep them (policy → app mappings).
  const paths = [
    ...ALWAYS_VOLATILE.filter((p) => p !== '_links' || !info?.references.some((r) => r.path.startsWith('_links.'))),
    ...(info?.volatile ?? []),
  ];
  for (const p of paths) {
    const keys = p.split('.');
    const holder = keys
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), copy);
    if (holder && typeof holder === 'object') delete (holder as Record<string, unknown>)[keys.at(-1)!];
  }
  return copy;
}

/**
 * A keyed hash of what the preview saw of a live object, volatile fields left out, so apply can
 * tell "changed since the preview" from "someone signed in". Keyed like content addresses, so equal
 * configurations are not recognisable across tenants.
 */
export function fingerprintOf(
  contentKey: Buffer,
  info: IdpObjectTypeInfo | undefined,
  type: string,
  body: unknown,
): string {
  return createHmac('sha256', contentKey)
    .update(type)
    .update('\0')
    .update(canonical(withoutVolatile(info, body)))
    .digest('hex');
}

export interface RefHit {
  /** Concrete path in the body. */
  at: string;
  /** The id (or the `by` field's value) the body names. */
  value: string;
  types: string[];
  by?: string;
  /** The value's resource-name prefix (kept when the reference is rewritten). */
  prefix?: string;
}

/** The id a prefixed resource name carries (`orgUnits/03ph…` → `03ph…`), if it has the prefix. */
const afterPrefix = (v: unknown, prefix: string) =>
  typeof v === 'string' && v.startsWith(prefix) && v.length > prefix.length ? v.slice(prefix.length) : undefined;

/** Every reference the body makes, by the type's reference paths. */
export function referencesOf(info: IdpObjectTypeInfo, body: unknown): RefHit[] {
  const out: RefHit[] = [];
  for (const r of info.references) {
    const types = Array.isArray(r.type) ? r.type : [r.type];
    for (const hit of hitsAt(body, r.path)) {
      const value = r.by
        ? typeof hit.value === 'string'
          ? hit.value
          : undefined
        : r.prefix
          ? afterPrefix(hit.value, r.prefix)
          : idOfValue(hit.value);
      if (value)
        out.push({
          at: hit.at,
          value,
          types,
          ...(r.by ? { by: r.by } : {}),
          ...(r.prefix ? { prefix: r.prefix } : {}),
        });
    }
  }
  return out;
}

/** What people call the object: its name, label or login, else its id. An app's `label` is its name; its `name` is the app template's. */
export function labelOf(body: unknown, fallback: string): string {
  const b = (body ?? {}) as Record<string, any>;
  const v =
    b.profile?.name ??
    b.profile?.login ??
    b.label ??
    b.name ??
    b.displayName ??
    b.profile?.displayName ??
    b.key ??
    b.primary?.name;
  return typeof v === 'string' && v ? v : fallback;
}

/**
 * The live body with its status read as the snapshot's when an activation could get no further
 * (info.restore.statusReached: a reactivated user without a password is PROVISIONED, not ACTIVE),
 * so it compares equal instead of asking for the same reactivation on every preview.
 */
export function asReached(info: IdpObjectTypeInfo | undefined, desired: unknown, live: unknown): unknown {
  const reached = info?.restore?.statusReached;
  if (!reached || !isRecord(desired) || !isRecord(live)) return live;
  const want = desired.status;
  if (typeof want !== 'string' || want === live.status || !reached[want]?.includes(String(live.status))) return live;
  return { ...live, status: want };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
