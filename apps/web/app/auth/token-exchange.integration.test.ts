import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { setSsoSettings, verifyDomain } from '@butterfly/domain/sso';
import { seedTenant, testDeps } from '@butterfly/domain/testing';
import { type Rogue, startHttpServer } from '@butterfly/outbound/testing';
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, describe, expect, it } from 'vitest';
import { type WebSettings, createWebServices } from '../../server/services.ts';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { SignInProblemError, completeSignIn, startSignIn } from './sign-in.server.ts';

// Issue 15, item 2: the code exchange used to follow a redirect (arctic's fetch), re-sending the
// authorization code and the client secret wherever the token endpoint pointed.
const { db } = await useTestDatabase();
const deps = testDeps(db);
const idp = await startFakeIdp();
const APP = 'http://localhost:3000';
const rogues: Rogue[] = [];
afterAll(async () => {
  await idp.close();
  await Promise.all(rogues.map((r) => r.close()));
});

/** Counts what reaches it; it must receive nothing. */
async function elsewhere(host = '127.0.0.1') {
  const rogue = await startHttpServer(
    (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"x","token_type":"Bearer"}'),
    host,
  );
  rogues.push(rogue);
  return rogue;
}

const context = (settings: Partial<WebSettings> = {}): AppLoadContext => ({
  db,
  log: createLogger('test', 'silent'),
  keyring: deps.keyring,
  requestId: 'token-exchange-test',
  cspNonce: 'n',
  services: createWebServices({
    appUrl: APP,
    secureCookies: false,
    cookieSecret: 'test-secret',
    allowPrivateUrls: false,
    allowAddresses: ['127.0.0.1'],
    ...settings,
  }),
  client: { ip: null, userAgent: null },
});

let n = 0;
/** A tenant on the fake IdP whose discovery document names `tokenEndpoint`; start and callback. */
async function exchangeAt(tokenEndpoint: string) {
  const domain = `x${n++}.test`;
  const t = await seedTenant(deps, undefined, [domain]);
  await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
  await verifyDomain(deps, t.id, { domain, method: 'operator' });
  const ctx = context();
  idp.metadata.token_endpoint = tokenEndpoint;
  try {
    const start = await startSignIn(
      new Request(`${APP}/sso/${t.slug}/start`, { headers: { 'sec-fetch-site': 'same-origin' } }),
      ctx,
      t.slug,
    ).catch((e: unknown) => e as Response);
    const p = Object.fromEntries(new URL(start.headers.get('location')!).searchParams);
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const code = idp.issueCode(p.code_challenge!, await idp.idToken({ nonce: p.nonce, email: `ann@${domain}` }));
    const url = `${APP}/sso/${t.slug}/callback?${new URLSearchParams({ code, state: p.state! })}`;
    return await completeSignIn(new Request(url, { headers: { cookie } }), ctx, t.slug).then(
      () => 'signed in',
      (e: unknown) => (e instanceof SignInProblemError ? `${e.problem}: ${e.detail}` : Promise.reject(e)),
    );
  } finally {
    idp.metadata.token_endpoint = `${idp.issuer}/token`;
  }
}

describe('the code exchange', () => {
  it('does not follow a 307 from the token endpoint: the other server receives nothing', async () => {
    const thief = await elsewhere();
    const redirecting = await startHttpServer((_req, res) =>
      res.writeHead(307, { location: `${thief.origin}/token` }).end(),
    );
    rogues.push(redirecting);
    expect(await exchangeAt(`${redirecting.origin}/token`)).toMatch(/^not_verified: .*redirect \(HTTP 307\)/);
    expect(thief.connections).toBe(0);
  });

  it('never sends the code to an address the policy refuses', async () => {
    const inside = await elsewhere('127.0.0.2');
    expect(await exchangeAt(`${inside.origin}/token`)).toMatch(
      /^not_verified: .*127\.0\.0\.2.*private, loopback or link-local/,
    );
    expect(inside.connections).toBe(0);
  });

  it('still signs in against an honest token endpoint, with the client authenticated and PKCE', async () => {
    expect(await exchangeAt(`${idp.issuer}/token`)).toBe('signed in');
    expect(idp.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
  });
});
