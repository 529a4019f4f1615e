import type { GoogleObjectType } from './catalog.ts';
import { GoogleError } from './errors.ts';
import type { GoogleHttp, GoogleRead } from './http/google-http.ts';

/** Where each API lives (decision 062: a simulator's one base stands for all three). */
export type GoogleBases = Record<GoogleObjectType['api'], string>;

/** The first read of a type: `{customer}` and `{parent}` filled, its fixed query added. */
export function firstRead(def: GoogleObjectType, bases: GoogleBases, customer: string, parentKey?: string): GoogleRead {
  const fill = (s: string) => s.replaceAll('{customer}', customer);
  let path = fill(def.path);
  if (path.includes('{parent}')) {
    if (parentKey === undefined) throw new RangeError(`${def.type} needs its parent's key`);
    path = path.replace('{parent}', encodeURIComponent(parentKey));
  }
  const q = def.query
    ? `?${new URLSearchParams(Object.entries(def.query).map(([k, v]): [string, string] => [k, fill(v)]))}`
    : '';
  return {
    url: `${bases[def.api]}${path}${q}`,
    key: `GET ${def.path}`,
    scope: def.scope,
    lane: def.policyLane ? 'policy' : def.api === 'cloudidentity' ? 'other' : 'directory',
  };
}

/**
 * Every page of a list: `nextPageToken` goes back as `pageToken` on the first URL. A page with no
 * objects but a token (the Policy API sends blank pages) is followed like any other; a token that
 * comes back unchanged is an error, not a loop.
 */
export async function* pages(http: GoogleHttp, def: GoogleObjectType, first: GoogleRead, signal?: AbortSignal) {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const url = new URL(first.url);
    if (token) url.searchParams.set('pageToken', token);
    const body = (await http.get({ ...first, url: url.href }, signal)) as Record<string, unknown> | undefined;
    if (def.singleton) {
      yield body === undefined ? [] : [body];
      return;
    }
    const items = body?.[def.items!];
    if (items !== undefined && !Array.isArray(items))
      throw new GoogleError(`Expected a list in "${def.items}" from GET ${def.path}`);
    yield (items ?? []) as unknown[];
    token = typeof body?.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined;
    if (token && seen.has(token)) throw new GoogleError(`GET ${def.path} returned a page token it had already sent`);
    if (token) seen.add(token);
  } while (token);
}
