/**
 * The catalog's path language over plain JSON (dot-separated keys; `[]` after a key walks every
 * element of that array), with the concrete path of each hit: a plan names the exact places it
 * rewrites (`conditions.people.groups.include[1]`). The connector has its own copy on purpose: the
 * domain never imports connectors.
 */
export interface PathHit {
  at: string;
  value: unknown;
  set: (v: unknown) => void;
}

export function hitsAt(body: unknown, path: string): PathHit[] {
  const out: PathHit[] = [];
  const walk = (value: unknown, segments: string[], at: string) => {
    if (!segments.length || value === null || typeof value !== 'object') return;
    const [head, ...rest] = segments as [string, ...string[]];
    const many = head.endsWith('[]');
    const key = many ? head.slice(0, -2) : head;
    const obj = value as Record<string, unknown>;
    if (!(key in obj)) return;
    const here = at ? `${at}.${key}` : key;
    if (!many) {
      if (rest.length) walk(obj[key], rest, here);
      else out.push({ at: here, value: obj[key], set: (v) => (obj[key] = v) });
      return;
    }
    const arr = obj[key];
    if (!Array.isArray(arr)) return;
    arr.forEach((el, i) => {
      if (rest.length) walk(el, rest, `${here}[${i}]`);
      else out.push({ at: `${here}[${i}]`, value: el, set: (v) => (arr[i] = v) });
    });
  };
  walk(body, path.split('.'), '');
  return out;
}

export const valueAt = (body: unknown, path: string): unknown => hitsAt(body, path)[0]?.value;

/** An id written as a link (`…/api/v1/apps/0oa1`) names its target by the last path segment. */
export function idOfValue(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  if (!/^https?:\/\//.test(v)) return v;
  try {
    return new URL(v).pathname.split('/').filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
}

/** Replaces the id inside a value written by `idOfValue`'s rules (plain id, or a link's last segment). */
export function replaceId(v: string, oldId: string, newId: string): string {
  if (!/^https?:\/\//.test(v)) return v === oldId ? newId : v;
  return v.replace(new RegExp(`/${oldId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[/?#])`), `/${newId}`);
}

/** The one place a concrete path (`a.b[2].c`, as `hitsAt` reports them) names, if it exists. */
export function hitAt(body: unknown, path: string): PathHit | undefined {
  const steps: (string | number)[] = [];
  for (const seg of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(seg);
    if (!m) return undefined;
    steps.push(m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])));
  }
  let holder: unknown = body;
  for (const k of steps.slice(0, -1)) {
    if (holder === null || typeof holder !== 'object') return undefined;
    holder = (holder as Record<string | number, unknown>)[k];
  }
  const last = steps.at(-1)!;
  if (holder === null || typeof holder !== 'object' || !(last in holder)) return undefined;
  const h = holder as Record<string | number, unknown>;
  return { at: path, value: h[last], set: (v) => (h[last] = v) };
}
