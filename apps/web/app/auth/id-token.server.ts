import { timingSafeEqual } from 'node:crypto';
import type { TIdpIdentity } from '@butterfly/domain/sso';
import { type JWTPayload, type JWTVerifyGetKey, errors } from 'jose';
import { IdpJwtError, verifyIdpJwt } from './idp-jwt.server.ts';

/** An ID token is used within seconds of being issued (the code exchange); older ones are refused. */
export const MAX_ID_TOKEN_AGE_SECONDS = 300;

export interface TIdTokenExpectations {
  /** The issuer exactly as its discovery document names it. */
  issuer: string;
  clientId: string;
  /** The nonce we sent in the authorization request (from the signed flow cookie). */
  nonce: string;
  /** The issuer's JWKS (jose `createRemoteJWKSet`, which refetches on an unknown kid). */
  keys: JWTVerifyGetKey;
  now?: Date;
}

export class IdTokenError extends Error {
  override name = 'IdTokenError';
}

const sameString = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Validates an ID token from the token endpoint (OIDC Core 3.1.3.7) and returns the identity it
 * asserts. Nothing in the token is trusted before this returns. The tenant's verified domains decide
 * whose emails count; `email_verified` (boolean true, or the string "true" some IdPs send) decides
 * only whether the email may link an existing member.
 */
export async function validateIdToken(idToken: string, expect: TIdTokenExpectations): Promise<TIdpIdentity> {
  let claims: JWTPayload;
  try {
    ({ claims } = await verifyIdpJwt(idToken, {
      keys: expect.keys,
      issuer: expect.issuer,
      audience: expect.clientId,
      maxTokenAge: MAX_ID_TOKEN_AGE_SECONDS,
      now: expect.now,
      requiredClaims: ['sub', 'iat', 'exp'],
    }));
  } catch (e) {
    if (!(e instanceof IdpJwtError)) throw e;
    throw new IdTokenError(e.refusal === 'verify' ? describeJoseError(e.cause) : `the ID token ${e.message}`, {
      cause: e.cause ?? e,
    });
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  // OIDC Core 3.1.3.7 (4, 5): with several audiences, the token must be issued to us as its party.
  if ((aud.length > 1 || claims.azp !== undefined) && claims.azp !== expect.clientId) {
    throw new IdTokenError('the ID token was issued to another authorized party (azp)');
  }
  if (typeof claims.nonce !== 'string' || !sameString(claims.nonce, expect.nonce)) {
    throw new IdTokenError(
      claims.nonce === undefined ? 'the ID token carries no nonce' : 'the ID token nonce does not match this sign-in',
    );
  }
  if (typeof claims.email !== 'string')
    throw new IdTokenError('the ID token carries no email (is the "email" scope granted?)');
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    subject: claims.sub!,
    email: claims.email,
    givenName: text(claims.given_name),
    familyName: text(claims.family_name),
    name: text(claims.name),
    idpSessionId: text(claims.sid),
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
  };
}

function describeJoseError(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'the ID token has expired or is too old';
  if (e instanceof errors.JWTClaimValidationFailed) return `the ID token claim "${e.claim}" is not valid (${e.reason})`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the ID token signature does not verify';
  if (e instanceof errors.JWKSNoMatchingKey) return "no key in the issuer's JWKS matches the ID token";
  if (e instanceof errors.JOSEAlgNotAllowed) return 'the ID token algorithm is not allowed';
  if (e instanceof errors.JWKSTimeout) return "the issuer's JWKS did not answer in time";
  return `the ID token is not valid (${(e as Error)?.message ?? 'unknown error'})`;
}
