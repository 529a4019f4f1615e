import { fillPath } from './catalog.fns.ts';
import type { OktaObjectType, OktaScope } from './catalog.ts';
import { OktaError } from './errors.ts';
import type { OktaApi } from './http/api.ts';
import { nextLink } from './http/link.fns.ts';

/**
 * The pages of one list, as they arrive: the first URL carries the largest `limit` the endpoint
 * allows, and every following one is the `next` link exactly as Okta sent it (in the Link header,
 * or in `_links.next` for the wrapped IAM answers). One page is in memory at a time.
 */
export async function* pagesOf(
  api: OktaApi,
  def: OktaObjectType,
  ancestors: readonly string[],
  pass: Record<string, string>,
  ctx: { tokenScopes?: readonly OktaScope[]; signal?: AbortSignal },
): AsyncGenerator<unknown[]> {
  const params = new URLSearchParams({ ...def.query, ...pass });
  if (def.limit) params.set('limit', String(def.limit));
  const path = fillPath(def.list, ancestors);
  let url: string | undefined = params.size ? `${path}?${params}` : path;
  while (url) {
    const { body, headers } = await api.get(url, { template: def.list, scope: def.scope, ...ctx });
    if (def.singleton) {
      yield body === undefined ? [] : [body];
      return;
    }
    const wrapped = body as Record<string, unknown> | undefined;
    const items = def.items ? wrapped?.[def.items] : body;
    if (!Array.isArray(items)) throw new OktaError(`Expected a list from GET ${def.list}${def.items ? ` in "${def.items}"` : ''}`);
    yield items;
    const next = nextLink(headers.get('link')) ?? (def.items ? linkHref(wrapped) : undefined);
    if (next === url) throw new OktaError(`GET ${def.list} returned itself as its next page`);
    url = next;
  }
}

function linkHref(body: Record<string, unknown> | undefined): string | undefined {
  const href = (body?._links as { next?: { href?: unknown } } | undefined)?.next?.href;
  return typeof href === 'string' ? href : undefined;
}
