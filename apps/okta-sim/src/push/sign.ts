import { randomUUID } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import type { KeyRing } from '../oidc/keys.ts';

/**
 * A JWT signed with the org's current authorization-server key, as Okta signs the security events
 * it sends (back-channel logout tokens, Universal Logout requests): RS256, its `kid`, published at
 * `/oauth2/v1/keys`, so the receiver verifies it exactly like an ID token.
 */
export async function signOrgJwt(
  keys: KeyRing,
  typ: string,
  claims: JWTPayload & { iss: string; aud: string },
  lifetimeSeconds: number,
  now = Date.now(),
) {
  const { kid, privateKey } = keys.signing();
  const iat = Math.floor(now / 1000);
  return new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, typ })
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(privateKey);
}
