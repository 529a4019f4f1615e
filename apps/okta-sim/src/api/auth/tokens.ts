import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { KeyRing } from '../../oidc/keys.ts';

/** Access tokens of the org authorization server live an hour, as Okta's do. */
export const ACCESS_TOKEN_SECONDS = 3600;

export interface TAccessClaims {
  clientId: string;
  scopes: string[];
}

/**
 * An access token for the Management API, shaped like Okta's org authorization server tokens: an
 * RS256 JWT with `iss` and `aud` the org URL, `cid` the client, `scp` the granted scopes, signed
 * with the same keys the org publishes at `/oauth2/v1/keys`.
 */
export async function mintAccessToken(
  keys: KeyRing,
  orgUrl: string,
  claims: TAccessClaims,
  now: number,
): Promise<string> {
  const { kid, privateKey } = keys.signing();
  const iat = Math.floor(now / 1000);
  return new SignJWT({ ver: 1, cid: claims.clientId, scp: claims.scopes })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setJti(`AT.${randomBytes(24).toString('base64url')}`)
    .setIssuer(orgUrl)
    .setAudience(orgUrl)
    .setSubject(claims.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(privateKey);
}

/** The claims of a valid token, or undefined (bad signature, other org, expired, malformed). */
export async function verifyAccessToken(
  keys: KeyRing,
  orgUrl: string,
  token: string,
  now: number,
): Promise<TAccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? keys.publicKey(header.kid) : undefined;
        if (!key) throw new Error('unknown kid');
        return key;
      },
      { issuer: orgUrl, audience: orgUrl, algorithms: ['RS256'], currentDate: new Date(now) },
    );
    if (typeof payload.cid !== 'string' || !Array.isArray(payload.scp)) return undefined;
    return { clientId: payload.cid, scopes: payload.scp.map(String) };
  } catch {
    return undefined;
  }
}
