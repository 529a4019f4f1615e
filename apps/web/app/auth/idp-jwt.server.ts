import {
  type JWTPayload,
  type JWTVerifyGetKey,
  type ProtectedHeaderParameters,
  decodeProtectedHeader,
  jwtVerify,
} from 'jose';

/**
 * Asymmetric signatures only. `none` would accept anything; HS* would let anyone holding the IdP's
 * *public* key (everyone) forge tokens if a library ever used it as an HMAC secret.
 */
export const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
/** Clock skew tolerated between us and the IdP for exp/iat. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export type TIdpJwtRefusal = 'not-a-jwt' | 'algorithm' | 'typ' | 'verify';

/** Why a token from the customer's IdP was refused; `cause` holds jose's error for `verify`. */
export class IdpJwtError extends Error {
  override name = 'IdpJwtError';
  constructor(
    readonly refusal: TIdpJwtRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface TIdpJwtExpectations {
  /** The issuer's JWKS (server/oidc/key-sets.ts: jose `createRemoteJWKSet` behind the outbound client). */
  keys: JWTVerifyGetKey;
  /** The issuer, or the forms of it that are all the same issuer (Google's URL and host forms). */
  issuer: string | string[];
  audience: string;
  /** Tokens older than this (by `iat`) are refused, which also bounds how long a jti is remembered. */
  maxTokenAge: number;
  requiredClaims: string[];
  /**
   * The header `typ`: a string is required exactly (jose compares it, ignoring an `application/`
   * prefix); a list is the values accepted *when* a `typ` is present (back-channel logout allows none).
   */
  typ?: string | readonly string[];
  now?: Date;
}

/**
 * The one preamble for every JWT the customer's IdP signs (ID tokens, back-channel logout tokens,
 * Universal Logout bearer tokens): it is a JWT, its header names an asymmetric algorithm, its `typ`
 * is what the receiver expects, and jose verifies signature, issuer, audience, age and required
 * claims with the same clock skew. What each token means beyond that stays with its receiver.
 * Tokens Butterfly signs itself (server/oauth/access-tokens.ts) are not IdP tokens and do not pass here.
 */
export async function verifyIdpJwt(
  token: string,
  expect: TIdpJwtExpectations,
): Promise<{ header: ProtectedHeaderParameters; claims: JWTPayload }> {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new IdpJwtError('not-a-jwt', 'is not a JWT');
  }
  if (!ID_TOKEN_ALGORITHMS.includes(header.alg as (typeof ID_TOKEN_ALGORITHMS)[number])) {
    throw new IdpJwtError('algorithm', `is signed with ${String(header.alg)}, which is not allowed`);
  }
  if (
    typeof expect.typ === 'object' &&
    header.typ !== undefined &&
    !expect.typ.includes(String(header.typ).toLowerCase())
  ) {
    throw new IdpJwtError('typ', `has typ ${String(header.typ)}, which is not expected here`);
  }
  try {
    const { payload } = await jwtVerify(token, expect.keys, {
      issuer: expect.issuer,
      audience: expect.audience,
      ...(typeof expect.typ === 'string' ? { typ: expect.typ } : {}),
      algorithms: [...ID_TOKEN_ALGORITHMS],
      clockTolerance: MAX_CLOCK_SKEW_SECONDS,
      // jose refuses an iat older than this, or later than now (beyond the skew tolerance).
      maxTokenAge: expect.maxTokenAge,
      currentDate: expect.now,
      requiredClaims: expect.requiredClaims,
    });
    return { header, claims: payload };
  } catch (e) {
    throw new IdpJwtError('verify', `does not verify: ${(e as Error)?.message ?? 'unknown error'}`, { cause: e });
  }
}
