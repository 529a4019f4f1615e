import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { IdpJwtError, verifyIdpJwt } from '../auth/idp-jwt.server.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Logout tokens are sent at once; older ones are refused, which also bounds how long jtis are kept. */
export const MAX_LOGOUT_TOKEN_AGE_SECONDS = 300;

export class LogoutTokenError extends Error {
  override name = 'LogoutTokenError';
}

export interface TLogoutTokenExpectations {
  issuer: string;
  clientId: string;
  keys: JWTVerifyGetKey;
  now?: Date;
}

/**
 * Validates an OIDC Back-Channel Logout 1.0 token (section 2.6): like an ID token (signature by the
 * issuer's JWKS with an asymmetric algorithm, `iss`, `aud` = our client id, `iat`, `exp`), plus the
 * logout event, a `sub` or `sid`, no `nonce` (so an ID token can never pass for a logout token) and
 * a `jti` for the caller's replay check. `typ`, when present, must be `logout+jwt` or `JWT`.
 */
export async function validateLogoutToken(token: string, expect: TLogoutTokenExpectations) {
  let claims: JWTPayload;
  try {
    ({ claims } = await verifyIdpJwt(token, {
      keys: expect.keys,
      issuer: expect.issuer,
      audience: expect.clientId,
      typ: ['logout+jwt', 'jwt'],
      maxTokenAge: MAX_LOGOUT_TOKEN_AGE_SECONDS,
      now: expect.now,
      requiredClaims: ['iat', 'exp', 'jti'],
    }));
  } catch (e) {
    if (!(e instanceof IdpJwtError)) throw e;
    throw new LogoutTokenError(`the logout token ${e.message}`, { cause: e.cause ?? e });
  }
  const events = claims.events as Record<string, unknown> | undefined;
  const event = events && typeof events === 'object' ? events[BACKCHANNEL_LOGOUT_EVENT] : undefined;
  if (!event || typeof event !== 'object') throw new LogoutTokenError('events lacks the back-channel logout event');
  if ('nonce' in claims) throw new LogoutTokenError('a logout token must not carry a nonce');
  const sub = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined;
  const sid = typeof claims.sid === 'string' && claims.sid ? claims.sid : undefined;
  if (!sub && !sid) throw new LogoutTokenError('the logout token names neither sub nor sid');
  if (typeof claims.jti !== 'string' || !claims.jti || claims.jti.length > 255)
    throw new LogoutTokenError('jti is missing or too long');
  return { sub, sid, jti: claims.jti, expiresAt: new Date(claims.exp! * 1000) };
}
