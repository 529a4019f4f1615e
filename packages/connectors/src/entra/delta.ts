import type { IdpObject } from '@butterfly/domain/idp';
import { entraTypeDef } from './catalog.fns.ts';
import { EntraError } from './errors.ts';
import type { GraphHttp } from './http/graph-http.ts';
import { keyOf, objectId, toIdpObject } from './objects.fns.ts';
import { pagesFrom } from './pager.ts';

export interface DeltaRead {
  /** Objects created or changed since the link (all of them on a first read), as a backup stores them. */
  changed: IdpObject[];
  /** Ids Graph reports removed (`@removed`): deleted, or, for a group member list, no longer present. */
  removed: string[];
  /** The `@odata.deltaLink` to store and pass back next time (opaque: never parsed). */
  deltaLink: string;
}

/**
 * A delta read of one type where Graph tracks changes (`catalog.ts` `delta`): without a link, the
 * whole list plus a deltaLink; with one, only what changed since. Not part of the domain's
 * IdpClient yet (decision 057 says how it plugs in); a backup lists everything.
 */
export async function readDelta(
  graph: GraphHttp,
  type: string,
  o: { deltaLink?: string; signal?: AbortSignal } = {},
): Promise<DeltaRead> {
  const def = entraTypeDef(type);
  if (!def.delta) throw new EntraError(`Graph has no delta query for ${type}`);
  const first = {
    url: o.deltaLink ?? def.delta,
    template: def.delta,
    permission: def.permission,
    version: def.version,
  };
  const changed: IdpObject[] = [];
  const removed: string[] = [];
  let deltaLink: string | undefined;
  for await (const page of pagesFrom(graph, { ...def, singleton: false }, first, o.signal)) {
    for (const item of page.items) {
      const id = objectId(def, [], item);
      if ((item as Record<string, unknown>)['@removed'] !== undefined) removed.push(keyOf(def, item));
      else changed.push(toIdpObject(def, id, item));
    }
    deltaLink = page.deltaLink ?? deltaLink;
  }
  if (!deltaLink) throw new EntraError(`The delta read of ${type} ended without a deltaLink`);
  return { changed, removed, deltaLink };
}
