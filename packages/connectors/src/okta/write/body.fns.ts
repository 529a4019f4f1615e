import type { OktaObjectType } from '../catalog.ts';
import { REDACTED, valueAt } from '../json-path.fns.ts';
import type { WriteSpec } from './spec.ts';

/** Fields every Okta object carries that a write never sends back. */
const OWNED = ['_links', '_embedded', 'created', 'lastUpdated'];

/**
 * The body a create or update sends: the snapshot's body minus what Okta owns (timestamps, links,
 * the id of a new object), only the fields the endpoint takes when it takes a few, and secrets:
 * a redaction marker is never sent; a secret supplied for the restore takes its place.
 */
export function writeBody(
  def: OktaObjectType,
  spec: WriteSpec,
  body: unknown,
  o: { create: boolean; assignsId: boolean; secrets?: Record<string, string> },
): unknown {
  if (!body || typeof body !== 'object') return body;
  let out = structuredClone(body) as Record<string, unknown>;
  for (const k of [...OWNED, ...(spec.strip ?? []), ...(o.create && o.assignsId ? ['id'] : [])]) delete out[k];
  for (const p of spec.volatile ?? []) deletePath(out, p);
  for (const p of def.secrets ?? []) {
    if (valueAt(out, p) !== REDACTED) continue;
    const supplied = o.secrets?.[p];
    if (supplied !== undefined && !isSentSeparately(def, p)) setPath(out, p, supplied);
    else deletePath(out, p);
  }
  const fields = o.create ? (spec.create || undefined)?.fields : (spec.update || undefined)?.fields;
  if (fields) out = pick(out, fields);
  return out;
}

/** An OAuth app's client secret is supplied through its own endpoint (Okta accepts a given secret there). */
export const isSentSeparately = (def: OktaObjectType, path: string) =>
  def.type === 'app' && path === 'credentials.oauthClient.client_secret';

function pick(body: Record<string, unknown>, paths: string[]) {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const v = valueAt(body, p);
    if (v !== undefined) setPath(out, p, structuredClone(v));
  }
  return out;
}

function setPath(o: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = v;
}

function deletePath(o: Record<string, unknown>, path: string) {
  const keys = path.split('.');
  const holder = keys
    .slice(0, -1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
  if (holder && typeof holder === 'object') delete (holder as Record<string, unknown>)[keys.at(-1)!];
}
