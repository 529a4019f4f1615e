import type { IdpObject } from '@butterfly/domain/idp';
import { openListing } from '../listing/open-listing.ts';
import type { StatsRecorder } from '../okta/http/stats.ts';
import type { GoogleObjectType } from './catalog.ts';
import { googleChildrenOf, googleTypeDef } from './catalog.fns.ts';
import { GoogleApiError, GoogleError } from './errors.ts';
import type { GoogleHttp } from './http/google-http.ts';
import { firstRead, type GoogleBases, pages } from './pager.ts';

export interface GoogleListOptions {
  types: readonly string[];
  signal?: AbortSignal;
  skipChildren?: (childType: string, parent: { type: string; id: string; body: unknown }) => boolean;
}

/** What the lister needs besides HTTP: where the APIs are, and the canonical customer id (read once). */
export interface GoogleListContext {
  http: GoogleHttp;
  stats: StatsRecorder;
  bases: GoogleBases;
  customerId: (signal?: AbortSignal) => Promise<string>;
}

export function keyOf(def: GoogleObjectType, item: unknown): string {
  const v = (item as Record<string, unknown> | null)?.[def.idField ?? 'id'];
  if (typeof v !== 'string' || !v)
    throw new GoogleError(`A ${def.type} from GET ${def.path} has no ${def.idField ?? 'id'}`);
  return def.namePrefix && v.startsWith(def.namePrefix) ? v.slice(def.namePrefix.length) : v;
}

/** A relation list as one object (decision 014): the kept fields of each member, sorted by id. */
function collapsed(def: GoogleObjectType, id: string, items: readonly unknown[]): IdpObject {
  const { field, keep } = def.collapse!;
  const rows = items.map((it) =>
    Object.fromEntries(keep.map((k) => [k, (it as Record<string, unknown>)[k]]).filter(([, v]) => v !== undefined)),
  );
  rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { type: def.type, id, body: { [field]: rows } };
}

/** 404 on a type's list: the customer does not have it (a group deleted between its page and its members). */
const absent = (e: unknown): e is GoogleApiError => e instanceof GoogleApiError && e.status === 404;

/**
 * Streams the customer's objects: the canonical customer id first (Cloud Identity filters need
 * `C0…`, not `my_customer`), then each root type walked concurrently (the quota governor and the
 * request semaphore bound what is in flight), and the children of a page's parents (a group's
 * members and settings) read together after it. The first real error ends the stream.
 */
export async function* listGoogleObjects(ctx: GoogleListContext, o: GoogleListOptions): AsyncGenerator<IdpObject> {
  const wanted = new Set(o.types.map((t) => googleTypeDef(t).type));
  const walked = new Set(wanted);
  for (const t of wanted) {
    const p = googleTypeDef(t).parent;
    if (p) walked.add(p);
  }
  const listing = openListing(o.signal, ctx.stats);
  const { signal, emit } = listing;

  const walk = async (def: GoogleObjectType, customer: string, parent?: { id: string; key: string }) => {
    if (wanted.has(def.type)) ctx.stats.type(def.type);
    const first = firstRead(def, ctx.bases, customer, parent?.key);
    const children = googleChildrenOf(def.type).filter((c) => walked.has(c.type));
    const all: unknown[] = [];
    try {
      for await (const items of pages(ctx.http, def, first, signal)) {
        if (def.collapse) {
          all.push(...items);
          continue;
        }
        const childWalks: (() => Promise<void>)[] = [];
        for (const item of items) {
          const id = def.singleton
            ? (parent?.id ?? keyOf(def, item))
            : [parent?.id, keyOf(def, item)].filter(Boolean).join('/');
          if (wanted.has(def.type)) await emit({ type: def.type, id, body: item });
          for (const child of children) {
            if (o.skipChildren?.(child.type, { type: def.type, id, body: item })) continue;
            const key = (item as Record<string, unknown>)[child.parentKey ?? def.idField ?? 'id'];
            if (typeof key !== 'string')
              throw new GoogleError(
                `A ${def.type} has no ${child.parentKey ?? def.idField ?? 'id'} for its ${child.type}`,
              );
            childWalks.push(() => walk(child, customer, { id, key }));
          }
        }
        // A page's child reads go out together: the request slots and the quota governor bound them.
        await Promise.all(childWalks.map((w) => w()));
      }
    } catch (e) {
      if (!parent || !absent(e)) throw e;
      return; // the parent went away between its page and this read
    }
    if (def.collapse && wanted.has(def.type)) await emit(collapsed(def, parent!.id, all));
  };

  const roots = [...walked].map(googleTypeDef).filter((d) => !d.parent);
  yield* listing.stream(ctx.customerId(signal).then((customer) => Promise.all(roots.map((d) => walk(d, customer)))));
}
