import type { RequestPrincipal } from '@butterfly/api';
import { API_TOKEN_PREFIX, authenticateApiToken } from '@butterfly/domain/api-tokens';
import type { Db } from '@butterfly/domain/core';
import { checkAccessGrant } from '@butterfly/domain/oauth';
import type { AccessTokens } from '../../server/oauth/access-tokens.ts';

/** `Bearer <token>`, scheme case-insensitive (RFC 6750 2.1); anything else is no credential. */
export function bearerToken(authorization: string): string | null {
  const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  return m ? m[1]! : null;
}

/**
 * The member behind an `Authorization: Bearer` credential: an API token (`bfy_…`, looked up by its
 * hash) or an access token (a JWT this server signed, then checked against the member's epoch and
 * refresh family). Checked against Postgres on every request, so a revoked credential fails on its
 * next use. Never falls back to a cookie: a request that names a credential is judged by it alone.
 */
export async function bearerPrincipal(
  authorization: string,
  deps: { db: Db; clock: () => Date; accessTokens: AccessTokens },
): Promise<RequestPrincipal | null> {
  const token = bearerToken(authorization);
  if (!token) return null;
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const p = await authenticateApiToken(deps, token);
    return p && { tenantId: p.tenantId, memberId: p.memberId, email: p.email, role: p.role, via: 'api_token' };
  }
  const claims = await deps.accessTokens.verify(token);
  const p = claims && (await checkAccessGrant(deps, claims));
  return p ? { ...p, via: 'access_token' } : null;
}
