import type { IdpObject, IdpTypeChanges } from '@butterfly/domain/idp';
import { entraTypeDef } from './catalog.fns.ts';
import { EntraError, GraphApiError } from './errors.ts';
import type { GraphHttp, GraphRead } from './http/graph-http.ts';
import { keyOf, objectId, toIdpObject } from './objects.fns.ts';
import { pagesFrom } from './pager.ts';

/** Graph's answers to a deltaLink it no longer knows: 410 Gone, or 400 `syncStateNotFound` (links live 7 days). */
const EXPIRED_CODES = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);
export const isExpiredLink = (e: unknown) =>
  e instanceof GraphApiError &&
  (e.status === 410 || (e.status === 400 && EXPIRED_CODES.has((e.graphCode ?? '').toLowerCase())));

/**
 * Decision 060: what changed in a type Graph tracks (`catalog.ts` `delta`) since a deltaLink.
 * Without one, `$deltatoken=latest` — a link from now, no objects (Graph's "sync from now"): the
 * backup lists the type in full beside it. With one, the link's pages name what changed (`@removed`
 * for what went), and each changed object is then read whole by id (20 per `$batch`), because a
 * delta item of a directory object may hold only the properties that changed. An expired link is
 * `{ expired: true }`, and the caller reads the type in full.
 */
export async function readChanges(
  graph: GraphHttp,
  type: string,
  o: { cursor?: string; signal?: AbortSignal },
): Promise<IdpTypeChanges> {
  const def = entraTypeDef(type);
  if (!def.delta) throw new EntraError(`Graph has no delta query for ${type}`);
  const read = { template: def.delta, permission: def.permission, version: def.version };
  const changed = new Set<string>();
  const removed = new Set<string>();
  let cursor: string | undefined;
  try {
    const first: GraphRead = { ...read, url: o.cursor ?? `${def.delta}?$deltatoken=latest` };
    for await (const page of pagesFrom(graph, { ...def, singleton: false }, first, o.signal)) {
      for (const item of page.items) {
        const key = keyOf(def, item);
        const gone = (item as Record<string, unknown>)['@removed'] !== undefined;
        (gone ? removed : changed).add(key);
        (gone ? changed : removed).delete(key);
      }
      cursor = page.deltaLink ?? cursor;
    }
  } catch (e) {
    if (o.cursor && isExpiredLink(e)) return { expired: true };
    throw e;
  }
  if (!cursor) throw new EntraError(`The delta read of ${type} ended without a deltaLink`);
  const select = def.query?.$select ? `?${new URLSearchParams({ $select: def.query.$select })}` : '';
  const keys = [...changed];
  const reads: GraphRead[] = keys.map((k) => ({
    template: `${def.list}/{id}`,
    permission: def.permission,
    version: def.version,
    url: `${def.list}/${encodeURIComponent(k)}${select}`,
  }));
  const objects: IdpObject[] = [];
  for (const [i, r] of (await graph.batch(reads, o.signal)).entries()) {
    if (r.ok) objects.push(toIdpObject(def, objectId(def, [], r.answer.body), r.answer.body));
    else if (r.error instanceof GraphApiError && r.error.status === 404) removed.add(keys[i]!);
    else throw r.error;
  }
  return { expired: false, changed: objects, removed: [...removed], cursor };
}
