import { join } from 'node:path';
import {
  type Logger,
  RATE_LIMIT_DEFAULTS,
  type RateLimitName,
  requestContext,
  requestLogLevel,
} from '@butterfly/config';
import { type DB, type Kysely, sql } from '@butterfly/db';
import type { Keyring } from '@butterfly/domain/crypto';
import { createRequestHandler } from '@remix-run/express';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { type BodyLimits, bodyLimit, isBodyTooLarge } from './body-limit.ts';
import { compression } from './compression.ts';
import { csrfProtection } from './csrf.ts';
import { redactUrl } from './log-redaction.ts';
import { corsOrigins } from './oauth/clients.ts';
import { corsForClients } from './oauth/cors.ts';
import { createMetrics } from './metrics.ts';
import { rateLimitRoutes } from './rate-limit/rate-limit-routes.ts';
import { createWebRateLimits } from './rate-limit/web-rate-limits.ts';
import { requestIdFrom } from './request-id.ts';
import { createNonce, securityHeaders } from './security-headers.ts';
import { type WebSettings, createWebServices } from './services.ts';

export interface AppDeps {
  db: Kysely<DB>;
  log: Logger;
  keyring: Keyring;
  /** The public URL is https: send HSTS. */
  https: boolean;
  /** APP_URL, cookie signing and outbound policy; `secureCookies` follows `https`. */
  web: Omit<WebSettings, 'secureCookies'>;
  /** The client build (build/client), served statically; `/assets` with immutable caching. */
  clientDir?: string;
  /** The Remix server build. Without it only /healthz, /metrics and static files answer (tests). */
  build?: ServerBuild;
  healthTimeoutMs?: number;
  /** Rate limits (BUTTERFLY_RATE_LIMIT_MULTIPLIER applied); default RATE_LIMIT_DEFAULTS. */
  rateLimits?: Record<RateLimitName, { points: number; windowSec: number }>;
  /** Proxies trusted to append X-Forwarded-For (BUTTERFLY_TRUST_PROXY); 0: the socket address. */
  trustProxy?: number;
}

interface Locals {
  requestId: string;
  cspNonce: string;
}

/**
 * Receivers and token endpoints authenticate by what the request carries (a signed JWT, a code or
 * refresh token), never by cookie; the API is exempt only with a Bearer credential (csrf.ts says why).
 */
const CSRF_EXEMPTIONS = {
  paths: [
    /^\/sso\/[^/]+\/(backchannel-logout|universal-logout)$/,
    /^\/oauth\/(token|revoke)$/,
    // Okta event hooks authenticate by their secret header (decision 048).
    /^\/hooks\/okta\/[^/]+$/,
    // Google's users.watch channel authenticates by its channel id and token (decision 064).
    /^\/hooks\/google\/[^/]+$/,
  ],
  bearerPaths: [/^\/api\/trpc(\/|$)/],
};

/**
 * Request body limits (docs/security.md): the API's JSON inputs get 1 MiB; everything else — form
 * posts, the OAuth token endpoints, the logout receivers — is small and gets 64 KiB; Okta event
 * hook deliveries get 512 KiB.
 */
export const BODY_LIMITS: BodyLimits = {
  routes: [
    { path: /^\/api\/trpc(\/|$)/, bytes: 1024 * 1024 },
    // An Okta event hook delivery (decision 048): events in batches, never near this.
    { path: /^\/hooks\/okta\//, bytes: 512 * 1024 },
  ],
  defaultBytes: 64 * 1024,
};

/** The web app's express application, without listening: `main.ts` binds it, tests use port 0. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);
  const metrics = createMetrics();
  const services = createWebServices({ ...deps.web, secureCookies: deps.https });
  app.use(observe(deps, metrics));
  app.use(bodyLimit(BODY_LIMITS));
  // The extension calls the token endpoints and the API from its own origin; preflights end here.
  app.use(corsForClients(corsOrigins(services.oauthClients)));
  // Sign-in, OAuth and recovery links before any route works; failed Bearer auth in /api/trpc (docs/security.md).
  const rateLimits = createWebRateLimits(deps.db, deps.rateLimits ?? RATE_LIMIT_DEFAULTS, deps.log);
  app.use(rateLimitRoutes(rateLimits, deps.log));
  // Before everything that can change state (Remix actions, tRPC mutations).
  app.use(csrfProtection(deps.web.appUrl, deps.log, CSRF_EXEMPTIONS));
  // gzip/brotli for HTML, scripts, styles and JSON (static files and Remix alike; compression.ts).
  app.use(compression());

  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await withTimeout(sql`SELECT 1`.execute(deps.db), deps.healthTimeoutMs ?? 2_000);
      res.json({ status: 'ok' });
    } catch (err) {
      deps.log.warn({ err }, 'health check failed: database does not answer');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.get('/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    // Written as is: res.send() would rewrite prom-client's exact content type.
    res.set({ 'Cache-Control': 'no-store', 'Content-Type': metrics.registry.contentType }).end(text);
  });

  if (deps.clientDir) {
    // Vite names assets by content hash: cache them forever. Other public files may change.
    app.use('/assets', express.static(join(deps.clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(deps.clientDir, { maxAge: '1h', index: false }));
  }

  const { build } = deps;
  if (build) {
    app.all(
      '*',
      createRequestHandler({
        build,
        mode: build.mode,
        getLoadContext: (req, res): AppLoadContext => {
          const { requestId, cspNonce } = res.locals as Locals;
          return {
            db: deps.db,
            log: deps.log.child({ requestId }),
            requestId,
            cspNonce,
            keyring: deps.keyring,
            services,
            client: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
            rateLimits,
          };
        },
      }),
    );
  }

  // Unreachable behind Remix (it answers every path); keeps our headers on a 404 when tests run without it.
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not Found');
  });

  app.use(((err, _req, res, next) => {
    // A body refused mid-stream: the 413 is out (body-limit.ts); the route's failed read is expected.
    if (isBodyTooLarge(err) || res.locals.bodyRefused) return void (res.headersSent || res.status(413).end());
    deps.log.error({ err, requestId: (res.locals as Locals).requestId }, 'unhandled error');
    if (res.headersSent) return next(err);
    res.status(500).type('text/plain').send('Internal Server Error');
  }) satisfies ErrorRequestHandler);

  return app;
}

/** Request id, security headers, request log and duration metric, for every request. */
function observe(deps: AppDeps, metrics: ReturnType<typeof createMetrics>): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    // Read now: routers mounted on a prefix (express.static on /assets) rewrite req.path.
    const path = req.path.slice(0, 200);
    const requestId = requestIdFrom(req.get('x-request-id'));
    const cspNonce = createNonce();
    Object.assign(res.locals, { requestId, cspNonce } satisfies Locals);
    res.setHeader('X-Request-Id', requestId);
    for (const [name, value] of Object.entries(securityHeaders({ nonce: cspNonce, https: deps.https, path }))) {
      res.setHeader(name, value);
    }

    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // A client that went away before the response finished: nginx's 499.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.observe(req.method, path, status, seconds);
      // Recovery links, OAuth codes and states travel in URLs: logged only through redactUrl.
      const entry = {
        requestId,
        method: req.method,
        path: redactUrl(req.originalUrl),
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
      };
      // Healthy requests (probes included) at debug; info: one line per 4xx/5xx or slow request.
      deps.log[requestLogLevel(status, entry.durationMs)](entry, 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    // Everything this request runs carries its id, for the last-resort handlers (config/last-resort.ts).
    requestContext.run({ requestId }, next);
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
