import type { IdpObject } from '@butterfly/domain/idp';
import { openListing } from '../listing/open-listing.ts';
import type { StatsRecorder } from '../okta/http/stats.ts';
import type { EntraObjectType } from './catalog.ts';
import { entraAncestorsOf, entraChildrenOf, entraTypeDef } from './catalog.fns.ts';
import { GraphApiError } from './errors.ts';
import type { GraphAnswer, GraphHttp } from './http/graph-http.ts';
import { collapsed, keyOf, objectId, toIdpObject } from './objects.fns.ts';
import { firstRead, pagesFrom } from './pager.ts';

export interface EntraListOptions {
  types: readonly string[];
  signal?: AbortSignal;
  skipChildren?: (childType: string, parent: { type: string; id: string; body: unknown }) => boolean;
}

function plan(requested: readonly string[]) {
  const wanted = new Set(requested.map((t) => entraTypeDef(t).type));
  const walked = new Set<string>();
  for (const t of wanted) {
    walked.add(t);
    for (const a of entraAncestorsOf(t)) walked.add(a.type);
  }
  return { wanted, walked };
}

/** 404 on a type's own list: the tenant does not have it (a policy never created, a beta path gone). */
const absent = (e: unknown): e is GraphApiError => e instanceof GraphApiError && e.status === 404;

/**
 * Streams the tenant's objects: root types walked concurrently (the RU governor and the request
 * semaphore bound what is in flight), children of each page of parents read through `$batch` (the
 * first page of 20 child lists per request; further pages by their nextLink), embedded children
 * (method configurations) split out of their parent's body. The first real error ends the stream.
 */
export async function* listEntraObjects(
  graph: GraphHttp,
  stats: StatsRecorder,
  o: EntraListOptions,
): AsyncGenerator<IdpObject> {
  const { wanted, walked } = plan(o.types);
  const listing = openListing(o.signal, stats);
  const { signal, emit, fail } = listing;

  /** Parents of one page: their stored objects first, then their children. */
  const handleItems = async (def: EntraObjectType, ancestors: string[], items: unknown[]) => {
    const children = entraChildrenOf(def.type).filter((c) => walked.has(c.type));
    const drop = children.filter((c) => c.embeddedIn).map((c) => c.embeddedIn!);
    const parents: { id: string; key?: string; item: unknown }[] = [];
    for (const item of items) {
      const id = objectId(def, ancestors, item);
      if (wanted.has(def.type)) await emit(toIdpObject(def, id, item, drop));
      parents.push({ id, key: def.singleton ? undefined : keyOf(def, item), item });
    }
    for (const child of children) {
      if (wanted.has(child.type)) stats.type(child.type);
      const under = parents.filter((p) => !o.skipChildren?.(child.type, { type: def.type, id: p.id, body: p.item }));
      if (child.embeddedIn) {
        for (const p of under) {
          const list = (p.item as Record<string, unknown>)[child.embeddedIn];
          if (Array.isArray(list)) await handleItems(child, p.key ? [...ancestors, p.key] : ancestors, list);
        }
      } else if (!child.list.includes('{id}')) {
        // Below a singleton (cross-tenant defaults and partners): a list of its own.
        for (const p of under) await walkList(child, p.key ? [...ancestors, p.key] : ancestors);
      } else {
        await fanOut(child, ancestors, under);
      }
    }
  };

  /** One child list per parent: first pages 20 at a time through `$batch`, then each list's nextLinks. */
  const fanOut = async (child: EntraObjectType, ancestors: string[], parents: { key?: string }[]) => {
    const keys = parents.map((p) => p.key!);
    const reads = keys.map((k) => firstRead(child, k));
    const results = await graph.batch(reads, signal);
    for (const [i, r] of results.entries()) {
      const ids = [...ancestors, keys[i]!];
      if (!r.ok) {
        if (absent(r.error)) continue; // the parent went away between its page and this read
        throw r.error;
      }
      await collect(child, ids, reads[i]!, r.answer);
    }
  };

  const collect = async (
    def: EntraObjectType,
    ancestors: string[],
    first: ReturnType<typeof firstRead>,
    answer?: GraphAnswer,
  ) => {
    if (def.collapse) {
      const all: unknown[] = [];
      for await (const page of pagesFrom(graph, def, first, signal, answer)) all.push(...page.items);
      if (wanted.has(def.type)) await emit(collapsed(def, objectId(def, ancestors, undefined), all));
      return;
    }
    for await (const page of pagesFrom(graph, def, first, signal, answer))
      await handleItems(def, ancestors, page.items);
  };

  const walkList = async (def: EntraObjectType, ancestors: string[]) => {
    if (wanted.has(def.type)) stats.type(def.type);
    try {
      await collect(def, ancestors, firstRead(def));
    } catch (e) {
      if (!absent(e)) throw e;
      stats.type(def.type).skipped ??= e.message;
    }
  };

  const roots = [...walked].map(entraTypeDef).filter((d) => !d.parent);
  yield* listing.stream(Promise.all(roots.map((d) => walkList(d, []).catch(fail))));
}
