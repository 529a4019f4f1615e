import type { RateLimitName } from '@butterfly/config';

/** One limiter asked about one request, counting it. */
export interface RateLimitStep {
  limit: RateLimitName;
  key: string;
}

export interface RateLimitRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The client address (socket, or X-Forwarded-For when BUTTERFLY_TRUST_PROXY says so). */
  ip: string;
}

const SSO_START = /^\/sso\/[^/]+\/start\/?$/;
const RECOVER = /^\/recover\/([^/]+)\/?$/;
const OAUTH = /^\/oauth\/(token|revoke)\/?$/;

/**
 * Which limits a request is subject to (docs/security.md has the table). Everything here is known
 * before the route runs (path and query), so the limiter answers 429 before any work. The
 * per-account key of sign-in is the `login_hint` the login form sends on to /sso/<tenant>/start.
 * Failed Bearer authentication is counted where the credential is checked (app/auth/failed-bearer.server.ts).
 */
export function rateLimitPlan(r: RateLimitRequest): RateLimitStep[] {
  const method = r.method.toUpperCase();
  if (method === 'POST' && (r.path === '/login' || r.path === '/login/')) return [{ limit: 'login_ip', key: r.ip }];
  if (method === 'GET' && SSO_START.test(r.path)) {
    const hint = r.query.get('login_hint')?.trim().toLowerCase().slice(0, 320);
    const steps: RateLimitStep[] = [{ limit: 'sso_start_ip', key: r.ip }];
    if (hint) steps.push({ limit: 'sso_start_account', key: hint });
    return steps;
  }
  if (method === 'POST' && OAUTH.test(r.path)) return [{ limit: 'oauth_ip', key: r.ip }];
  const recover = RECOVER.exec(r.path);
  // GET only shows a confirmation (mail scanners fetch links): the redeeming POST is what counts.
  if (recover && method === 'POST') {
    return [
      { limit: 'recover_ip', key: r.ip },
      { limit: 'recover_link', key: recover[1]! },
    ];
  }
  return [];
}
