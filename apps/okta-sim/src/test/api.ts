import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { createOktaSim, type OktaSim, type TOktaSimOptions } from '../sim.ts';

/** A test clock: starts at a fixed time and moves only when told to. */
export function testClock(start = Date.UTC(2026, 0, 5, 12, 0, 30)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A seeded simulator (orgs acme and globex) for Management API tests. */
export async function startSeeded(options: TOktaSimOptions = {}) {
  const sim = await createOktaSim({ seed: 1, users: 0, ...options });
  const acme = sim.orgs.getOrg('acme');
  return { sim, acme, org: acme.url, token: acme.apiToken };
}

export interface TCall {
  status: number;
  headers: Headers;
  body: any;
}

/** One Management API call with the org's SSWS token (or the given Authorization header). */
export async function call(url: string, init: RequestInit & { auth?: string } = {}): Promise<TCall> {
  const headers = new Headers(init.headers);
  if (init.auth) headers.set('authorization', init.auth);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const ssws = (token: string) => `SSWS ${token}`;

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get('link') ?? '';
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
}

/** Follows `next` links from `url` until the last page; returns every page's body. */
export async function allPages(url: string, auth: string): Promise<any[][]> {
  const pages: any[][] = [];
  for (let next: string | undefined = url; next; ) {
    const res = await call(next, { auth });
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${JSON.stringify(res.body)}`);
    pages.push(res.body);
    next = nextLink(res.headers);
  }
  return pages;
}

/** A private_key_jwt client assertion for the org's service app, as a connector would sign it. */
export async function clientAssertion(
  sim: OktaSim,
  orgName: string,
  claims: Record<string, unknown> = {},
  now = Date.now(),
) {
  const { clientId, kid, privateKeyPem } = sim.orgs.serviceAppKey(orgName);
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const iat = Math.floor(now / 1000);
  const { aud = `${sim.url}/${orgName}/oauth2/v1/token`, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(aud as string)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(key);
}

/** The client-credentials token request; returns the raw answer. */
export async function requestToken(sim: OktaSim, orgName: string, scope: string, assertion: string) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const res = await fetch(`${sim.url}/${orgName}/oauth2/v1/token`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function bearer(sim: OktaSim, orgName: string, scope: string, now?: number): Promise<string> {
  const res = await requestToken(sim, orgName, scope, await clientAssertion(sim, orgName, {}, now));
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return `Bearer ${res.body.access_token}`;
}
