/**
 * The small path language the catalog uses for secrets and references: dot-separated keys, `[]`
 * after a key walks every element of that array, `*` matches every key of an object.
 * e.g. `channel.config.authScheme.value`, `conditions.people.groups.include[]`, `actions.idp.providers[].id`.
 */
type Json = unknown;
type Visit = (holder: Record<string, Json> | Json[], key: string | number, at: string) => void;

function walk(value: Json, segments: string[], at: string, visit: Visit) {
  if (!segments.length || value === null || typeof value !== 'object') return;
  const [head, ...rest] = segments as [string, ...string[]];
  const many = head.endsWith('[]');
  const key = many ? head.slice(0, -2) : head;
  const obj = value as Record<string, Json>;
  const keys = key === '*' ? Object.keys(obj) : key in obj ? [key] : [];
  for (const k of keys) {
    const here = at ? `${at}.${k}` : k;
    if (!many) {
      if (rest.length) walk(obj[k], rest, here, visit);
      else visit(obj, k, here);
      continue;
    }
    const arr = obj[k];
    if (!Array.isArray(arr)) continue;
    arr.forEach((el, i) => {
      if (rest.length) walk(el, rest, `${here}[${i}]`, visit);
      else visit(arr, i, `${here}[${i}]`);
    });
  }
}

/** Every value the path reaches (missing branches are simply skipped). */
export function valuesAt(body: Json, path: string): Json[] {
  const out: Json[] = [];
  walk(body, path.split('.'), '', (holder, key) => out.push((holder as Record<string | number, Json>)[key]));
  return out;
}

/** The single value at a plain dot path, or undefined. */
export const valueAt = (body: Json, path: string): Json => valuesAt(body, path)[0];

export const REDACTED = '[redacted by Butterfly: re-enter on restore]';

/**
 * Replaces non-empty values at the paths with the marker, in place, and returns the concrete paths it
 * replaced. The marker records that a secret existed, so a restore plan can ask for it.
 */
export function redactInPlace(body: Json, paths: readonly string[]): string[] {
  const done: string[] = [];
  for (const p of paths) {
    walk(body, p.split('.'), '', (holder, key, at) => {
      const h = holder as Record<string | number, Json>;
      if (h[key] === null || h[key] === undefined || h[key] === '') return;
      h[key] = REDACTED;
      done.push(at);
    });
  }
  return done;
}

/** A copy without `_links` at any depth: links are navigation, they say nothing about configuration. */
export function withoutLinks(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutLinks);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '_links') out[k] = withoutLinks(v);
  return out;
}
