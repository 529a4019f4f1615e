import type { Logger } from '@butterfly/config';
import type { RequestHandler } from 'express';
import { redactUrl } from './log-redaction.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfHeaders {
  method: string;
  origin?: string;
  referer?: string;
  secFetchSite?: string;
}

/**
 * Whether a request may change something. Safe methods always may (they must not change state).
 * Anything else must come from the dashboard's own origin: `Origin` must equal APP_URL's origin (or,
 * when a browser left it out, `Referer` must start there), and `Sec-Fetch-Site: cross-site` is refused
 * outright. Why Origin checking instead of tokens: docs/decisions/005-sessions-and-csrf.md.
 */
export function checkCsrf(h: CsrfHeaders, appOrigin: string): { ok: true } | { ok: false; reason: string } {
  if (SAFE_METHODS.has(h.method.toUpperCase())) return { ok: true };
  if (h.secFetchSite === 'cross-site') return { ok: false, reason: 'Sec-Fetch-Site is cross-site' };
  if (h.origin !== undefined) {
    return h.origin === appOrigin
      ? { ok: true }
      : { ok: false, reason: `Origin ${h.origin.slice(0, 100)} is not ${appOrigin}` };
  }
  if (h.referer !== undefined) {
    let from: string | undefined;
    try {
      from = new URL(h.referer).origin;
    } catch {}
    return from === appOrigin ? { ok: true } : { ok: false, reason: 'Referer is not this site' };
  }
  return { ok: false, reason: 'neither Origin nor Referer' };
}

/**
 * Requests the guard lets through without an Origin check, each because it cannot carry a cookie's
 * authority:
 * - `paths`: receivers other servers call (OIDC back-channel logout, Okta Universal Logout) and the
 *   OAuth token endpoints. They authenticate by a signed token or a credential in the request and
 *   never read cookies.
 * - `bearerPaths`: the API, when the request carries `Authorization: Bearer`. Its principal then
 *   comes from that header alone (app/auth/request-principal.server.ts ignores the cookie whenever an
 *   Authorization header is present), and a cross-site page cannot set that header without a CORS
 *   preflight we only answer for the extension. A forged header earns a 401, not the cookie's user.
 */
export interface CsrfExemptions {
  paths?: readonly RegExp[];
  bearerPaths?: readonly RegExp[];
}

const BEARER = /^Bearer\s+\S+$/i;

/** Express guard in front of Remix and tRPC, so no route can forget it. */
export function csrfProtection(appUrl: string, log: Logger, exempt: CsrfExemptions = {}): RequestHandler {
  const appOrigin = new URL(appUrl).origin;
  const matches = (patterns: readonly RegExp[] | undefined, path: string) => !!patterns?.some((p) => p.test(path));
  return (req, res, next) => {
    if (matches(exempt.paths, req.path)) return next();
    if (matches(exempt.bearerPaths, req.path) && BEARER.test(req.get('authorization') ?? '')) return next();
    const verdict = checkCsrf(
      {
        method: req.method,
        origin: req.get('origin'),
        referer: req.get('referer'),
        secFetchSite: req.get('sec-fetch-site'),
      },
      appOrigin,
    );
    if (verdict.ok) return next();
    log.warn(
      { method: req.method, path: redactUrl(req.path), reason: verdict.reason, requestId: res.locals.requestId },
      'cross-site request refused',
    );
    res
      .status(403)
      .type('text/plain')
      .send(`Cross-site request refused: ${verdict.reason}. Use Butterfly at ${appOrigin}.`);
  };
}
