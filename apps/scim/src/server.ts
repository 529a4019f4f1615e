import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type Logger, RATE_LIMIT_DEFAULTS, requestContext, requestLogLevel } from '@butterfly/config';
import { type DB, type Kysely, sql } from '@butterfly/db';
import type { RateLimiter } from '@butterfly/db/rate-limits';
import type { Keyring } from '@butterfly/domain/crypto';
import type { ScimDeps } from '@butterfly/domain/scim';
import { authenticate } from './auth.ts';
import { toScimError } from './errors.ts';
import { parseFilter } from './filter-parser.ts';
import { HttpError, readJson, send } from './http.ts';
import { createFailedAuthLimiter } from './rate-limit.ts';
import { route } from './router.ts';
import { TenantWriteGate } from './tenant-gate.ts';
import type { ScimTokenCache } from './token-cache.ts';

export const BASE_PATH = '/scim/v2';

export interface ScimServerDeps {
  db: Kysely<DB>;
  log: Logger;
  keyring: Keyring;
  /** Public base URL of the API, e.g. SCIM_PUBLIC_URL (meta.location and Location headers). */
  baseUrl: string;
  clock?: () => Date;
  /** Failed authentications per client address; default: Postgres-backed at RATE_LIMIT_DEFAULTS.scim_bearer_fail_ip. */
  limiter?: RateLimiter;
  /** Proxies trusted to append X-Forwarded-For (BUTTERFLY_TRUST_PROXY); 0: the socket address. */
  trustProxy?: number;
  writeGate?: TenantWriteGate;
  /** Authenticated bearer tokens remembered for a few seconds (decision 050); none: looked up per request. */
  tokens?: ScimTokenCache;
  /** Runs autocommit statements in the order issued (createOrderedDb): folded POSTs (decision 050). */
  ordered?: Kysely<DB>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The SCIM 2.0 app: a thin adapter. It parses HTTP, authenticates the bearer token (which selects
 * the tenant), calls the domain's SCIM use-cases and serialises their answers; every rule, mapping
 * and error type lives in packages/domain/src/scim. Not listening yet: call `listen` (port 0 in tests).
 */
export function createScimServer(deps: ScimServerDeps): Server {
  const clock = deps.clock ?? (() => new Date());
  const limiter = deps.limiter ?? createFailedAuthLimiter(deps.db, RATE_LIMIT_DEFAULTS.scim_bearer_fail_ip, deps.log);
  const writeGate = deps.writeGate ?? new TenantWriteGate();
  const scim = { baseUrl: deps.baseUrl.replace(/\/+$/, ''), parseFilter, ordered: deps.ordered };

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/healthz') return health(res);
    if (!path.toLowerCase().startsWith(`${BASE_PATH}/`))
      throw new HttpError(404, `Not found; the SCIM API is at ${BASE_PATH}`);
    const token = await authenticate(req, {
      db: deps.db,
      clock,
      limiter,
      trustProxy: deps.trustProxy,
      log: deps.log,
      tokens: deps.tokens,
    });
    const segments = path
      .slice(BASE_PATH.length + 1)
      .split('/')
      .map(decodeSegment);
    const method = req.method ?? 'GET';
    const { handler, id } = route(method, segments);
    const label = String(req.headers['user-agent'] ?? 'SCIM client').slice(0, 200);
    const scimDeps: ScimDeps = {
      db: deps.db,
      log: deps.log,
      clock,
      keyring: deps.keyring,
      requestId,
      actor: { kind: 'scim', tenantId: token.tenantId, tokenId: token.tokenId, label },
      scim,
    };
    // The body is read before a write slot is taken, so a slow upload cannot hold one.
    const body = WITH_BODY.has(method) ? await readJson(req) : undefined;
    const call = async () => handler({ req, deps: scimDeps, id, query: url.searchParams, body: async () => body });
    const reply = WRITES.has(method) ? await writeGate.run(token.tenantId, call) : await call();
    send(res, reply.status, reply.body, { ...reply.headers, 'X-Request-Id': requestId });
    return token.tenantId;
  }

  async function health(res: ServerResponse) {
    try {
      await sql`select 1`.execute(deps.db);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    } catch {
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"status":"database unavailable"}');
    }
  }

  return createServer((req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    // Carried to the last-resort handlers (config/last-resort.ts) by everything this request runs.
    requestContext
      .run({ requestId }, () => handle(req, res, requestId))
      .catch((e: unknown) => {
        const err = toScimError(e, deps.log, requestId);
        if (res.headersSent) return void res.destroy();
        send(res, err.status, err.body, { ...err.headers, 'X-Request-Id': requestId });
      })
      .then((tenantId) => {
        // The path only: query strings carry userNames and emails.
        const fields = {
          requestId,
          method: req.method,
          path: req.url?.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          tenantId,
        };
        // Healthy requests (health probes included) at debug; info: one line per 4xx/5xx or slow request.
        deps.log[requestLogLevel(res.statusCode, fields.ms)](fields, 'scim request');
      });
  });
}

function decodeSegment(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(404, 'Malformed path');
  }
}
