import { timingSafeEqual } from 'node:crypto';
import { type TIdpIdentity, isGuid, isTrueClaim } from '@butterfly/domain/sso';
import { type JWTPayload, type JWTVerifyGetKey, errors } from 'jose';
import { IdpJwtError, verifyIdpJwt } from './idp-jwt.server.ts';

/** An ID token is used within seconds of being issued (the code exchange); older ones are refused. */
export const MAX_ID_TOKEN_AGE_SECONDS = 300;

export interface TIdTokenExpectations {
  /** The issuer exactly as its discovery document names it (Google: both of its forms). */
  issuer: string | string[];
  clientId: string;
  /** The nonce we sent in the authorization request (from the signed flow cookie). */
  nonce: string;
  /** The issuer's JWKS (jose `createRemoteJWKSet`, which refetches on an unknown kid). */
  keys: JWTVerifyGetKey;
  /**
   * Microsoft Entra ID (decision 056): the customer's directory. `issuer` is then the configured
   * `<authority>/<directory>/v2.0`, `tid` must name the directory, the member is keyed on (`tid`,
   * `oid`) and only `xms_edov` vouches for the email.
   */
  entra?: { directoryId: string };
  /**
   * Google Workspace (decision 063): `issuer` lists both of the issuer's forms (`https://accounts.google.com`
   * and `accounts.google.com`), the member is keyed on `sub`, `email_verified` vouches for the email, and
   * the `hd` claim (absent for a consumer account) goes to the domain, which requires it to be one of the
   * tenant's verified domains.
   */
  google?: boolean;
  now?: Date;
}

export class IdTokenError extends Error {
  override name = 'IdTokenError';
  /**
   * Set when a correctly signed Entra token names another directory (`tid` or `iss`): what it named,
   * for the audit log. Entra signs every directory's tokens with the same keys.
   */
  wrongDirectory?: { tid: unknown; iss: unknown };
}

function wrongDirectory(claims: JWTPayload): IdTokenError {
  const e = new IdTokenError(
    `the ID token comes from another Entra directory (tid ${String(claims.tid).slice(0, 60)}, iss ${String(claims.iss).slice(0, 120)})`,
  );
  e.wrongDirectory = { tid: claims.tid, iss: claims.iss };
  return e;
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
    // jose checks claims only after the signature: an `iss` refusal is a genuine token of another issuer.
    if (expect.entra && e.cause instanceof errors.JWTClaimValidationFailed && e.cause.claim === 'iss')
      throw wrongDirectory(e.cause.payload);
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
  if (expect.entra) return entraIdentity(claims, expect.entra.directoryId);
  if (expect.google) return googleIdentity(claims);
  if (typeof claims.email !== 'string')
    throw new IdTokenError('the ID token carries no email (is the "email" scope granted?)');
  return {
    ...namedIdentity(claims, claims.email),
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** What every provider's ID token says about the person alike: subject, email, names and IdP session. */
const namedIdentity = (claims: JWTPayload, email: string) => ({
  subject: claims.sub!,
  email,
  givenName: text(claims.given_name),
  familyName: text(claims.family_name),
  name: text(claims.name),
  idpSessionId: text(claims.sid),
});

/**
 * The identity of an Entra v2.0 ID token whose signature, `iss`, `aud`, age and nonce have passed:
 * `tid` must be the configured directory (compared again by the domain), `oid` is the key, and
 * `email` (an optional claim, mutable, unverified) counts for linking only with `xms_edov`.
 * `preferred_username` and `upn` are never read.
 */
function entraIdentity(claims: JWTPayload, directoryId: string): TIdpIdentity {
  if (!isGuid(claims.tid) || claims.tid.toLowerCase() !== directoryId.toLowerCase()) throw wrongDirectory(claims);
  if (!isGuid(claims.oid)) throw new IdTokenError('the ID token carries no object id (oid)');
  if (typeof claims.email !== 'string')
    throw new IdTokenError('the ID token carries no email (add the "email" optional claim to the app registration)');
  return {
    ...namedIdentity(claims, claims.email),
    emailVerified: isTrueClaim(claims.xms_edov),
    entra: { tid: claims.tid, oid: claims.oid },
  };
}

/**
 * The identity of a Google ID token whose signature, `iss`, `aud`, `azp`, age and nonce have passed:
 * `sub` is the key; `hd` is passed on as it is (or null) for the domain's tenant check, never taken
 * from the email; `email_verified` must be the boolean true (or "true", as older tokens carry it).
 */
function googleIdentity(claims: JWTPayload): TIdpIdentity {
  if (typeof claims.email !== 'string')
    throw new IdTokenError('the ID token carries no email (is the "email" scope granted?)');
  return {
    ...namedIdentity(claims, claims.email),
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    google: { hd: typeof claims.hd === 'string' ? claims.hd : null },
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
