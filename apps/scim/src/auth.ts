import type { IncomingMessage } from 'node:http';
import type { Logger } from '@butterfly/config';
import type { RateLimiter } from '@butterfly/db/rate-limits';
import type { Db } from '@butterfly/domain/core';
import { authenticateScimToken } from '@butterfly/domain/scim';
import { clientAddress } from './client-address.ts';
import { HttpError } from './http.ts';
import type { ScimTokenCache } from './token-cache.ts';

// Okta's "Header auth" sends the value exactly as typed: `Bearer <token>`. Nothing else is accepted.
const BEARER = /^bearer ([\x21-\x7e]+)$/i;

/**
 * Authenticates a SCIM request by its bearer token, which also selects the tenant. Failures count
 * against the client address; past the limit they are answered 429 with Retry-After instead of 401.
 */
export async function authenticate(
  req: IncomingMessage,
  deps: { db: Db; clock: () => Date; limiter: RateLimiter; trustProxy?: number; log: Logger; tokens?: ScimTokenCache },
) {
  const match = BEARER.exec(req.headers.authorization ?? '');
  const raw = match?.[1];
  const lookup = () => authenticateScimToken(deps, raw!);
  const token = raw ? await (deps.tokens ? deps.tokens.authenticate(raw, lookup) : lookup()) : null;
  if (token) return token;
  // A counter that cannot be reached at all (its memory insurance failing too) lets the 401 stand.
  const verdict = await deps.limiter.fail(clientAddress(req, deps.trustProxy)).catch((err: unknown) => {
    deps.log.warn({ err }, 'could not count a failed SCIM authentication');
    return { allowed: true } as const;
  });
  if (!verdict.allowed) {
    const retryAfter = String(verdict.retryAfterSec);
    throw new HttpError(
      429,
      `Too many failed authentications from this address (RATE_LIMITED); retry in ${retryAfter} seconds`,
      undefined,
      { 'Retry-After': retryAfter },
    );
  }
  throw new HttpError(401, 'A valid "Authorization: Bearer <token>" header is required', undefined, {
    'WWW-Authenticate': 'Bearer realm="scim"',
  });
}
