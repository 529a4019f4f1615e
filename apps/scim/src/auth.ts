import type { IncomingMessage } from 'node:http';
import { type Db, authenticateScimToken } from '@butterfly/domain';
import { HttpError } from './http.ts';
import type { FailedAuthLimiter } from './rate-limit.ts';

// Okta's "Header auth" sends the value exactly as typed: `Bearer <token>`. Nothing else is accepted.
const BEARER = /^bearer ([\x21-\x7e]+)$/i;

/**
 * Authenticates a SCIM request by its bearer token, which also selects the tenant. Failures count
 * against the client address; past the limit they are answered 429 with Retry-After instead of 401.
 */
export async function authenticate(req: IncomingMessage, deps: { db: Db; clock: () => Date; limiter: FailedAuthLimiter }) {
  const match = BEARER.exec(req.headers.authorization ?? '');
  const token = match ? await authenticateScimToken(deps, match[1]!) : null;
  if (token) return token;
  const retryAfter = deps.limiter.fail(req.socket.remoteAddress ?? 'unknown');
  if (retryAfter !== undefined) {
    throw new HttpError(429, 'Too many failed authentications from this address; retry later', undefined, { 'Retry-After': String(retryAfter) });
  }
  throw new HttpError(401, 'A valid "Authorization: Bearer <token>" header is required', undefined, { 'WWW-Authenticate': 'Bearer realm="scim"' });
}
