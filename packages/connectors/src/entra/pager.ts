import type { EntraObjectType } from './catalog.ts';
import { EntraError } from './errors.ts';
import type { GraphAnswer, GraphHttp, GraphRead } from './http/graph-http.ts';

export interface Page {
  items: unknown[];
  next?: string;
  deltaLink?: string;
}

/** The first URL of a type's list below its parent (`{id}` filled), with its fixed query. */
export function firstRead(def: EntraObjectType, parentKey?: string): GraphRead {
  let path = def.list;
  if (path.includes('{id}')) {
    if (parentKey === undefined) throw new RangeError(`${def.type} needs its parent's id`);
    path = path.replace('{id}', encodeURIComponent(parentKey));
  }
  const q = def.query ? `?${new URLSearchParams(def.query)}` : '';
  return { url: `${path}${q}`, template: def.list, permission: def.permission, version: def.version };
}

/** One answer as a page: a collection's `value` and `@odata.nextLink` (kept verbatim), or a singleton. */
export function pageOf(def: EntraObjectType, answer: GraphAnswer, url: string): Page {
  const body = answer.body as Record<string, unknown> | undefined;
  if (def.singleton && !def.collapse) return { items: body === undefined ? [] : [body] };
  if (!body || !Array.isArray(body.value)) throw new EntraError(`Expected a collection from GET ${def.list}`);
  const next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
  if (next === url) throw new EntraError(`GET ${def.list} returned itself as its next page`);
  const deltaLink = typeof body['@odata.deltaLink'] === 'string' ? body['@odata.deltaLink'] : undefined;
  return { items: body.value, ...(next ? { next } : {}), ...(deltaLink ? { deltaLink } : {}) };
}

/**
 * Every page of a list, starting from `first` (or from an answer already read, as a `$batch` gives
 * it), following `@odata.nextLink` exactly as Graph sent it: its `$skiptoken` is opaque.
 */
export async function* pagesFrom(
  graph: GraphHttp,
  def: EntraObjectType,
  first: GraphRead,
  signal?: AbortSignal,
  firstAnswer?: GraphAnswer,
): AsyncGenerator<Page> {
  let page = pageOf(def, firstAnswer ?? (await graph.get(first, signal)), first.url);
  yield page;
  while (page.next) {
    const url: string = page.next;
    page = pageOf(def, await graph.get({ ...first, url }, signal), url);
    yield page;
  }
}
