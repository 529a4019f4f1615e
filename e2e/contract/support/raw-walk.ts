import { OKTA_CATALOG, type OktaObjectType } from '@butterfly/connectors';
import type { SimOrgHandle } from './sim.ts';

/**
 * The oracle of the contract tests: every object of every catalog type as okta-sim's API serves it,
 * read with plain fetch and the SSWS token. It takes only the catalog's *data* (paths, parents, id
 * fields) from the connector and none of its code: paging here follows `Link` headers from the
 * server's default page size (not the connector's `limit`), so both sides page differently.
 */
export interface RawObject {
  type: string;
  id: string;
  /** Exactly as served, `_links` included. */
  body: any;
}

export interface RawWalk {
  objects: Map<string, RawObject>;
  /** Types the org answered for (at least one list read succeeded). */
  served: Set<string>;
  /** Types whose every read answered "none here" (a 404 under a parent, E0000015, a documented absence). */
  absent: Set<string>;
  requests: number;
}

export const objectKey = (type: string, id: string) => `${type} ${id}`;

/** A dot path with `[]` (every element) as the catalog writes them. */
export function valuesAt(value: any, path: string): any[] {
  let current = [value];
  for (const seg of path.split('.')) {
    const many = seg.endsWith('[]');
    const key = many ? seg.slice(0, -2) : seg;
    current = current.flatMap((v) =>
      v && typeof v === 'object' && key in v ? (many ? (Array.isArray(v[key]) ? v[key] : []) : [v[key]]) : [],
    );
  }
  return current;
}

const fill = (template: string, keys: string[]) => {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(keys[i++]!));
};

const nextOf = (headers: Headers, body: any, wrapped: boolean): string | undefined =>
  /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1] ?? (wrapped ? body?._links?.next?.href : undefined);

export async function rawWalk(
  org: SimOrgHandle,
  types = OKTA_CATALOG.filter((d) => !d.optional).map((d) => d.type),
): Promise<RawWalk> {
  const wanted = new Set(types);
  const byType = new Map(OKTA_CATALOG.map((d) => [d.type, d]));
  const walked = new Set<string>();
  for (let t of wanted) for (; t && !walked.has(t); t = byType.get(t)?.parent ?? '') walked.add(t);
  const out: RawWalk = { objects: new Map(), served: new Set(), absent: new Set(), requests: 0 };
  // A few requests at a time, like any careful client (and so a slow org is read in reasonable time).
  let active = 0;
  const queue: (() => void)[] = [];
  const get = async (path: string) => {
    if (active >= 8) await new Promise<void>((r) => queue.push(r));
    active++;
    out.requests++;
    try {
      return await org.api('GET', path);
    } finally {
      active--;
      queue.shift()?.();
    }
  };
  const isAbsent = (def: OktaObjectType, status: number, body: any) =>
    body?.errorCode === 'E0000015' || def.absentOn?.includes(status) || (!!def.parent && status === 404);

  const walk = async (def: OktaObjectType, ancestors: string[]): Promise<void> => {
    const items: any[] = [];
    for (const pass of def.passes ?? [{}]) {
      const query = new URLSearchParams({ ...def.query, ...pass });
      let url: string | undefined = `${fill(def.list, ancestors)}${query.size ? `?${query}` : ''}`;
      while (url) {
        const res = await get(url);
        if (res.status !== 200) {
          if (isAbsent(def, res.status, res.body)) {
            if (!out.served.has(def.type)) out.absent.add(def.type);
            return;
          }
          throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
        }
        out.served.add(def.type);
        out.absent.delete(def.type);
        if (def.singleton) {
          if (res.body !== undefined) items.push(res.body);
          break;
        }
        items.push(...(def.items ? res.body[def.items] : res.body));
        url = nextOf(res.headers, res.body, !!def.items);
      }
    }
    const children = OKTA_CATALOG.filter((c) => c.parent === def.type && walked.has(c.type));
    const walks: Promise<void>[] = [];
    for (const item of items) {
      const key = def.singleton ? undefined : String(valuesAt(item, def.idField ?? 'id')[0]);
      const id = def.singleton ? ancestors.join('/') || 'default' : [...ancestors, key!].join('/');
      if (wanted.has(def.type)) {
        if (def.detail)
          walks.push(
            get(`${def.list}/${encodeURIComponent(key!)}`).then(
              (r) => void out.objects.set(objectKey(def.type, id), { type: def.type, id, body: r.body }),
            ),
          );
        else out.objects.set(objectKey(def.type, id), { type: def.type, id, body: item });
      }
      for (const child of children) {
        // Catalog data, like `absentOn`: Okta documents these children under no other parent.
        if (child.parentWhen && !child.parentWhen.in.includes(valuesAt(item, child.parentWhen.path)[0])) continue;
        let parentKey = child.parentKey ? valuesAt(item, child.parentKey)[0] : key;
        if (typeof parentKey !== 'string' || !parentKey) continue;
        if (/^https?:\/\//.test(parentKey)) parentKey = new URL(parentKey).pathname.split('/').filter(Boolean).at(-1)!;
        walks.push(walk(child, [...ancestors, parentKey]));
      }
    }
    await Promise.all(walks);
  };

  await Promise.all(OKTA_CATALOG.filter((d) => !d.parent && walked.has(d.type)).map((d) => walk(d, [])));
  return out;
}

/** A copy without `_links` at any depth. */
export function withoutLinks(value: any): any {
  if (Array.isArray(value)) return value.map(withoutLinks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '_links')
      .map(([k, v]) => [k, withoutLinks(v)]),
  );
}
