import type { TReply } from '../http/respond.ts';
import type { TObj } from '../model/types.ts';
import { errCtx, metadata, type TGraphCall } from './context.ts';
import { DELTA_STORES, deltaRead } from './delta.ts';
import { graphError } from './errors.ts';
import type { TMatch } from './match.ts';
import { applyFilter, parseFilter, parseSelect, parseTop, project } from './query.ts';

const NEWEST_FIRST = new Set(['auditLogs/directoryAudits']);

/**
 * `$expand` where Graph allows it and a reader needs it: the rules of PIM role settings
 * (`roleManagementPolicies?$expand=rules`, what the backup connector and ScubaGear ask for).
 */
const EXPANDABLE: Record<string, string[]> = { 'policies/roleManagementPolicies': ['rules'] };

function parseExpand(c: TGraphCall, store: string): string[] | TReply {
  const navs = (c.query.get('$expand') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of navs)
    if (!EXPANDABLE[store]?.includes(n))
      return graphError(400, 'BadRequest', `Could not find a property named '${n}' on type to expand.`, errCtx(c));
  return navs;
}

/** `$count` needs `ConsistencyLevel: eventual` on directory objects, as advanced queries do in Graph. */
function countAllowed(c: TGraphCall): boolean {
  return (c.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
}

export function countRefused(c: TGraphCall): TReply {
  return graphError(
    400,
    'Request_BadRequest',
    "$count is only supported with the 'ConsistencyLevel: eventual' header.",
    errCtx(c),
  );
}

function filtered(c: TGraphCall, items: TObj[]): TObj[] {
  const filter = c.query.get('$filter');
  const ordered = NEWEST_FIRST.has(c.path) ? [...items].reverse() : items;
  return filter ? applyFilter(ordered, parseFilter(filter)) : ordered;
}

/**
 * A page of a list: `$filter`, `$select`, `$top` (the page size), `$count`, and `@odata.nextLink`
 * carrying the same query with an opaque `$skiptoken`.
 */
export function listPage(c: TGraphCall, store: string, items: TObj[], context: string): TReply {
  const select = parseSelect(c.query.get('$select'));
  const expand = parseExpand(c, store);
  if (!Array.isArray(expand)) return expand;
  const wantCount = c.query.get('$count') === 'true';
  if (wantCount && !countAllowed(c)) return countRefused(c);
  const all = filtered(c, items);
  const size = parseTop(c.query.get('$top')) ?? c.principal.tenant.settings.pageSize;
  const token = c.query.get('$skiptoken');
  let offset = 0;
  if (token !== null) {
    const at = c.tokens.offset(token, store);
    if (at === undefined) return graphError(400, 'Request_BadRequest', 'Invalid or expired $skiptoken.', errCtx(c));
    offset = at;
  }
  const page = all.slice(offset, offset + size);
  const body: Record<string, unknown> = {
    '@odata.context': metadata(c, select ? `${context}(${select.join(',')})` : context),
  };
  if (wantCount) body['@odata.count'] = all.length;
  if (offset + size < all.length) {
    const next = new URLSearchParams(c.query);
    next.set('$skiptoken', c.tokens.issue(store, offset + size));
    body['@odata.nextLink'] = `${c.deps.baseUrl}/${c.version}/${c.path}?${next.toString().replace(/%24/g, '$')}`;
  }
  body.value = page.map((o) => {
    const out = project(o, select);
    for (const nav of expand)
      out[nav] = [...c.principal.tenant.collection(`${store}/${o.id}/${nav}`).values()].map((x) =>
        project(x, undefined),
      );
    return out;
  });
  return { status: 200, body };
}

export function countOnly(c: TGraphCall, items: TObj[]): TReply {
  if (!countAllowed(c)) return countRefused(c);
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(filtered(c, items).length) };
}

export function entity(c: TGraphCall, obj: TObj, context: string): TReply {
  const select = parseSelect(c.query.get('$select'));
  return { status: 200, body: { '@odata.context': metadata(c, `${context}/$entity`), ...project(obj, select) } };
}

export function notFound(c: TGraphCall, id: string): TReply {
  return graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    errCtx(c),
  );
}

/** A GET on a matched route. */
export function read(c: TGraphCall, m: TMatch): TReply {
  const tenant = c.principal.tenant;
  switch (m.kind) {
    case 'list':
      if (m.parentId && !parentExists(c, m.store)) return notFound(c, m.parentId);
      return listPage(c, m.store, [...tenant.collection(m.store).values()], m.store);
    case 'count':
      return countOnly(c, [...tenant.collection(m.store).values()]);
    case 'item': {
      if (m.id === 'delta' && !m.parentId && DELTA_STORES.has(m.store)) return deltaRead(c, m.store, c.path);
      const obj = tenant.collection(m.store).get(m.id);
      return obj ? entity(c, obj, m.store) : notFound(c, m.id);
    }
    case 'singleton': {
      const obj = tenant.singletons.get(m.store);
      if (!obj) return notFound(c, m.store);
      const embedded = embed(c, m.store, obj);
      // beta returns the authorization policy as a one-item collection [ScubaGear reads it so].
      if (c.version === 'beta' && m.store === 'policies/authorizationPolicy')
        return listPage(c, m.store, [embedded], m.store);
      return entity(c, embedded, m.store);
    }
    case 'links':
    case 'linksCount': {
      if (!parentExists(c, m.store)) return notFound(c, m.parentId);
      const members = tenant
        .links(m.store)
        .map((id) => tenant.directoryObject(id))
        .filter((x) => x !== undefined)
        .map(({ type, obj }) => ({ '@odata.type': `#microsoft.graph.${type}`, ...obj }));
      return m.kind === 'links' ? listPage(c, m.store, members, 'directoryObjects') : countOnly(c, members);
    }
    default:
      return graphError(405, 'MethodNotAllowed', 'The HTTP method is not allowed on this resource.', errCtx(c));
  }
}

/** The parent of a nested path (`groups/<id>` of `groups/<id>/members`) exists. */
export function parentExists(c: TGraphCall, store: string): boolean {
  const segs = store.split('/');
  for (let i = segs.length - 1; i > 0; i--) {
    const parentStore = segs.slice(0, i - 1).join('/');
    const coll = c.principal.tenant.collections.get(parentStore);
    if (coll) return coll.has(segs[i - 1]!);
  }
  return true;
}

/** The auth methods policy lists its method configurations inline. */
function embed(c: TGraphCall, store: string, obj: TObj): TObj {
  if (store !== 'policies/authenticationMethodsPolicy') return obj;
  const configs = [...c.principal.tenant.collection(`${store}/authenticationMethodConfigurations`).values()];
  return { ...obj, authenticationMethodConfigurations: configs };
}
