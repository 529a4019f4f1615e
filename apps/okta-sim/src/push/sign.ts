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

/** What a sender did: the request it made and the receiver's answer, for the test to assert on. */
export interface TSentRequest {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/** An outbound call of the simulated Okta; a receiver that cannot be reached is status 0. */
export async function send(
  method: string,
  url: string,
  init: { headers: Record<string, string>; body?: string },
): Promise<TSentRequest> {
  try {
    const res = await fetch(url, {
      method,
      headers: { 'user-agent': 'Okta-Sim/1.0', ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    const text = await res.text();
    let body: unknown = text || undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { method, url, status: res.status, body };
  } catch (error) {
    return { method, url, status: 0, body: { error: (error as Error).message } };
  }
}
