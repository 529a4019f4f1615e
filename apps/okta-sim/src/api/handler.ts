import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from '../http/body.ts';
import type { SimOrg } from '../oidc/sim-org.ts';
import { authenticate, requireScope } from './auth/principal.ts';
import type { Ctx, Reply } from './context.ts';
import { concurrencyLimited, malformed, methodNotAllowed, notFound, OktaError, rateLimited } from '../okta/errors.ts';
import { matchRoute, type Route } from './router.ts';

export interface TApiEnv {
  routes: Route[];
  clock: () => number;
  /** Added to every Management API call, so concurrency and pacing behave as against a real org. */
  latencyMs: number;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  res
    .writeHead(status, { ...headers, ...(text === undefined ? {} : { 'content-type': 'application/json' }) })
    .end(text);
}

async function parseBody(req: IncomingMessage): Promise<Record<string, any>> {
  if (req.method === 'GET' || req.method === 'DELETE' || req.method === 'HEAD') return {};
  const text = await readBody(req).catch(() => {
    throw malformed();
  });
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || value === null) throw malformed();
    return value;
  } catch {
    throw malformed();
  }
}

/**
 * The Management API below an org URL (`/<org>/api/v1/…`): the caller, then rate limits (every
 * answer, errors included, carries the `X-Rate-Limit-*` headers of its bucket; an OAuth app's
 * requests also count against its share), then the fault, the caller's failure if any, the route
 * and its scope, then the operation. Failures are Okta error bodies.
 */
export function createApiHandler(env: TApiEnv) {
  return async (sim: SimOrg, req: IncomingMessage, res: ServerResponse, below: string, url: URL) => {
    const method = req.method ?? 'GET';
    const requestId = randomBytes(12).toString('base64url');
    // Who is calling comes first: an OAuth app's requests also count against the app's share.
    const caller = await authenticate(sim, req, env.clock()).then(
      (principal) => ({ principal }),
      (error: unknown) => {
        if (!(error instanceof OktaError)) throw error;
        return { error };
      },
    );
    const app = 'principal' in caller && caller.principal.kind === 'oauth' ? caller.principal.id : undefined;
    const admission = sim.org.limiter.admit(method, below, app);
    const headers = { ...admission.headers, 'x-okta-request-id': requestId, 'cache-control': 'no-cache, no-store' };
    if (!admission.ok) {
      const error = admission.reason === 'rate' ? rateLimited() : concurrencyLimited();
      return send(res, 429, headers, error.body());
    }
    try {
      const fault = sim.org.faults.take(below);
      if (fault) throw fault;
      if ('error' in caller) throw caller.error;
      const { principal } = caller;
      const match = matchRoute(env.routes, method, below);
      if (!match) throw notFound(below);
      if ('allow' in match) throw methodNotAllowed(match.allow);
      requireScope(principal, match.route.scope, method, sim.org.url, below);
      const body = await parseBody(req);
      if (env.latencyMs > 0) await sleep(env.latencyMs);
      const ctx: Ctx = {
        org: sim.org,
        base: sim.org.url,
        method,
        url,
        params: match.params,
        query: url.searchParams,
        body,
        principal,
        now: env.clock(),
        requestId,
        ip: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? 'unknown',
      };
      const reply: Reply = await match.route.handler(ctx);
      send(res, reply.status, { ...headers, ...reply.headers }, reply.body);
    } catch (error) {
      if (!(error instanceof OktaError)) throw error;
      send(res, error.status, { ...headers, ...error.headers }, error.body());
    } finally {
      if (admission.ok) admission.release();
    }
  };
}
