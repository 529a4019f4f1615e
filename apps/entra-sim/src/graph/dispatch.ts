import type { TReply } from '../http/respond.ts';
import { ruLimitFor, WRITE_LIMIT } from '../store/throttle.ts';
import { errCtx, type TGraphCall } from './context.ts';
import { deletedItems, deletedPermissions } from './deleted.ts';
import { graphError } from './errors.ts';
import { matchPath, type TMatch } from './match.ts';
import { QueryError } from './query.ts';
import { read } from './read.ts';
import { readPermissions } from './routes.ts';
import { write } from './write.ts';

const DENIED = 'Insufficient privileges to complete the operation.';

function permissionsFor(c: TGraphCall, m: TMatch): string[] | undefined {
  if ('route' in m) return c.method === 'GET' ? readPermissions(m.route) : (m.route.write ?? []);
  return deletedPermissions(c, m);
}

/** Resource units of a call: 1, `GET /users` 2, and `$select` takes 1 off (never below 1) [THR]. */
function cost(c: TGraphCall, m: TMatch): number {
  const base = c.method === 'GET' && 'route' in m ? (m.route.cost ?? 1) : 1;
  return Math.max(1, base - (c.query.has('$select') ? 1 : 0));
}

/** An injected fault for this path, used up by this call. */
function takeFault(c: TGraphCall): TReply | undefined {
  const tenant = c.principal.tenant;
  const fault = tenant.faults.find((f) => f.remaining > 0 && `/${c.path}`.startsWith(f.pathPrefix));
  if (!fault) return undefined;
  fault.remaining--;
  tenant.faults = tenant.faults.filter((f) => f.remaining > 0);
  const headers: Record<string, string> = fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter) };
  const code = fault.status === 429 ? 'TooManyRequests' : 'BadRequest';
  return graphError(
    fault.status,
    code,
    fault.status === 429 ? 'Too many requests.' : 'Injected fault.',
    errCtx(c),
    headers,
  );
}

/** `/me…` for a signed-in user is `/users/<oid>…`, readable with the delegated `User.Read`. */
function resolveMe(c: TGraphCall): { path: string; extra: string[] } {
  const me = /^me(\/.*)?$/.exec(c.path);
  if (!me || !c.principal.user) return { path: c.path, extra: [] };
  return {
    path: `users/${c.principal.user.id}${me[1] ?? ''}`,
    extra: c.method === 'GET' ? ['User.Read', 'User.ReadBasic.All'] : ['User.ReadWrite'],
  };
}

function route(c: TGraphCall): TReply {
  const { path, extra } = resolveMe(c);
  // Administrative units are listed below `directory/` but tracked at `administrativeUnits/delta`.
  const m = matchPath(path === 'administrativeUnits/delta' ? 'directory/administrativeUnits/delta' : path);
  if (!m || ('route' in m && m.route.betaOnly && c.version !== 'beta'))
    return graphError(400, 'BadRequest', `Resource not found for the segment '${c.path.split('/')[0]}'.`, errCtx(c));
  const needed = permissionsFor(c, m)?.concat(m.kind === 'item' ? extra : []);
  if (needed === undefined)
    return graphError(404, 'Request_ResourceNotFound', `Resource '${c.path}' does not exist.`, errCtx(c));
  if (!needed.length)
    return graphError(405, 'MethodNotAllowed', `The ${c.method} method is not allowed on this resource.`, errCtx(c));
  if (!needed.some((p) => c.principal.permissions.includes(p)))
    return graphError(403, 'Authorization_RequestDenied', DENIED, errCtx(c));
  const { tenant, appId } = c.principal;
  const now = c.deps.clock();
  // The older revision: 1 request/s per tenant on CA and named locations, and no Retry-After.
  if ('route' in m && m.route.legacyCa && tenant.settings.legacyCaThrottle && !tenant.throttle.admitLegacyCa(now))
    return graphError(429, 'TooManyRequests', 'Too many requests.', errCtx(c));
  if (c.method !== 'GET') {
    const refused = tenant.throttle.admitWrite(appId, tenant.id, tenant.settings.writesPer150s ?? WRITE_LIMIT, now);
    if (refused) return graphError(429, 'TooManyRequests', 'Too many requests.', errCtx(c), refused.headers);
  }
  const units = cost(c, m);
  const admission = tenant.throttle.admit(
    appId,
    tenant.id,
    units,
    tenant.settings.ruPer10s ?? ruLimitFor(tenant.userCount),
    now,
  );
  if (!admission.ok) return graphError(429, 'TooManyRequests', 'Too many requests.', errCtx(c), admission.headers);
  const reply = 'route' in m ? (c.method === 'GET' ? read(c, m) : write(c, m)) : deletedItems(c, m);
  return { ...reply, headers: { ...admission.headers, ...reply.headers } };
}

/** One Graph call after authentication: faults, routing, permissions, throttling, then the handler. */
export function dispatch(c: TGraphCall): TReply {
  let reply: TReply;
  try {
    reply = takeFault(c) ?? route(c);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    reply = graphError(400, 'BadRequest', error.message, errCtx(c));
  }
  return {
    ...reply,
    headers: {
      'request-id': c.requestId,
      'client-request-id': c.headers['client-request-id'] ?? c.requestId,
      'x-ms-ags-diagnostic': JSON.stringify({
        ServerInfo: { DataCenter: 'Sim', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'entra-sim' },
      }),
      ...reply.headers,
    },
  };
}
