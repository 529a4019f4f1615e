import { fillPath } from './catalog.fns.ts';
import type { OktaObjectType, OktaScope } from './catalog.ts';
import { OktaError } from './errors.ts';
import type { OktaApi } from './http/api.ts';
import { nextLink } from './http/link.fns.ts';

/**
 * The pages of one list, as they arrive: the first URL carries the largest `limit` the endpoint
 * allows, and every following one is the `next` link exactly as Okta sent it (in the Link header,
 * or in `_links.next` for the wrapped IAM answers). Each item goes through `map` before the page is
 * yielded, and the raw answer is dropped then: a page of group members is a thousand whole users,
 * and a walker may wait on a slow consumer while it holds the page.
 */
export async function* pagesOf<T = unknown>(
  api: OktaApi,
  def: OktaObjectType,
  ancestors: readonly string[],
  pass: Record<string, string>,
  ctx: { tokenScopes?: readonly OktaScope[]; signal?: AbortSignal },
  map: (item: unknown) => T = (item) => item as T,
): AsyncGenerator<T[]> {
  const params = new URLSearchParams({ ...def.query, ...pass });
  if (def.limit) params.set('limit', String(def.limit));
  const path = fillPath(def.list, ancestors);
  let url: string | undefined = params.size ? `${path}?${params}` : path;
  while (url) {
    const page: { items: T[]; next?: string } = await readPage(api, def, url, ctx, map);
    yield page.items;
    url = page.next;
  }
}

async function readPage<T>(
  api: OktaApi,
  def: OktaObjectType,
  url: string,
  ctx: { tokenScopes?: readonly OktaScope[]; signal?: AbortSignal },
  map: (item: unknown) => T,
): Promise<{ items: T[]; next?: string }> {
  const { body, headers } = await api.get(url, { template: def.list, scope: def.scope, ...ctx });
  if (def.singleton) return { items: body === undefined ? [] : [map(body)] };
  const wrapped = body as Record<string, unknown> | undefined;
  const items = def.items ? wrapped?.[def.items] : body;
  if (!Array.isArray(items))
    throw new OktaError(`Expected a list from GET ${def.list}${def.items ? ` in "${def.items}"` : ''}`);
  const next = nextLink(headers.get('link')) ?? (def.items ? linkHref(wrapped) : undefined);
  if (next === url) throw new OktaError(`GET ${def.list} returned itself as its next page`);
  return { items: items.map(map), next };
}

function linkHref(body: Record<string, unknown> | undefined): string | undefined {
  const href = (body?._links as { next?: { href?: unknown } } | undefined)?.next?.href;
  return typeof href === 'string' ? href : undefined;
}
