import { OKTA_CATALOG, REDACTED } from '@butterfly/connectors';
import { type RawWalk, withoutLinks } from './raw-walk.ts';

const byType = new Map(OKTA_CATALOG.map((d) => [d.type, d]));

/**
 * What the connector should make of a body the API served, by the documented rules only
 * (docs/decisions/006-okta-connector.md, "Fidelity"): `_links` dropped at any depth, except for the
 * relation rows whose meaning is in them; group memberships keep only the member's id; write-only
 * secrets replaced by the marker, their paths reported.
 */
export function expectedObject(type: string, raw: any): { body: any; redacted: string[] } {
  const def = byType.get(type)!;
  let body = def.keepLinks ? structuredClone(raw) : withoutLinks(raw);
  if (def.keep) body = Object.fromEntries(def.keep.map((k) => [k, body[k]]));
  const redacted: string[] = [];
  for (const path of def.secrets ?? []) {
    if (/[[*]/.test(path)) throw new Error(`expectedObject handles plain dot paths only: ${path}`);
    const keys = path.split('.');
    const holder = keys.slice(0, -1).reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), body);
    const last = keys.at(-1)!;
    if (
      holder &&
      typeof holder === 'object' &&
      holder[last] !== undefined &&
      holder[last] !== null &&
      holder[last] !== ''
    ) {
      holder[last] = REDACTED;
      redacted.push(path);
    }
  }
  return { body, redacted };
}

export interface Mismatch {
  key: string;
  problem: string;
}

/**
 * Compares what the product holds (objects by `type id`) with the oracle's raw walk, object for
 * object, as parsed JSON. Returns every difference (an empty list is a pass) so a failure names them all.
 */
export function compareWithRaw(
  raw: RawWalk,
  actual: Map<string, { body: unknown; redacted?: string[] }>,
  opts: { checkRedacted?: boolean } = {},
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [key, r] of raw.objects) {
    const got = actual.get(key);
    if (!got) {
      out.push({ key, problem: 'missing' });
      continue;
    }
    const want = expectedObject(r.type, r.body);
    if (JSON.stringify(canonical(got.body)) !== JSON.stringify(canonical(want.body))) {
      out.push({
        key,
        problem: `body differs:\n  got  ${JSON.stringify(got.body)}\n  want ${JSON.stringify(want.body)}`,
      });
    }
    if (opts.checkRedacted && JSON.stringify(got.redacted ?? []) !== JSON.stringify(want.redacted)) {
      out.push({
        key,
        problem: `redacted ${JSON.stringify(got.redacted ?? [])}, want ${JSON.stringify(want.redacted)}`,
      });
    }
  }
  for (const key of actual.keys()) if (!raw.objects.has(key)) out.push({ key, problem: 'not served by the API' });
  return out;
}

/** Key order does not matter to parsed JSON equality; array order does. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
  );
}
