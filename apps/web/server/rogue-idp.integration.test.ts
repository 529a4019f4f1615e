import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { createApiToken } from '@butterfly/domain/api-tokens';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type Rogue, startHttpServer } from '@butterfly/outbound/testing';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import * as trpcRoute from '../app/routes/api.trpc.$.ts';
import * as backchannelRoute from '../app/routes/sso.$tenant.backchannel-logout.ts';
import { createApp } from './app.ts';
import { routeBuild } from './testing/route-build.ts';

// Issue 15, item 1: an IdP answering HTTP 999 used to kill the web process (a RangeError thrown
// from a socket callback). Driven through the real express app and the real route modules.
const { db } = await useTestDatabase();
const deps = testDeps(db);
const build = routeBuild({
  'routes/sso.$tenant.backchannel-logout': { path: 'sso/:tenant/backchannel-logout', module: backchannelRoute },
  'routes/api.trpc.$': { path: 'api/trpc/*', module: trpcRoute },
});
const app = createApp({
  db,
  log: createLogger('web-test', 'silent'),
  keyring: deps.keyring,
  https: false,
  web: { appUrl: 'http://localhost:3000', cookieSecret: 'test-cookie-secret', allowPrivateUrls: true },
  build,
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** An IdP whose discovery document is fine and whose JWKS answers with status 999. */
const rogueJwks: Rogue = await startHttpServer((req, res) => {
  if (req.url === '/org/.well-known/openid-configuration') {
    const issuer = `${rogueJwks.origin}/org`;
    const meta = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/keys`,
    };
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(meta));
  }
  res.writeHead(999, { 'content-type': 'application/json' }).end('{"keys":[]}');
});
/** An IdP that answers 999 to everything, its discovery document included. */
const rogueDiscovery: Rogue = await startHttpServer((_req, res) => res.writeHead(999).end('{}'));
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await rogueJwks.close();
  await rogueDiscovery.close();
});

async function ssoTenant(issuer: string) {
  const t = await seedTenant(deps);
  const boss = await seedMember(deps, t.id, 'super_admin');
  await setSsoSettings(deps, t.id, { issuer, clientId: 'bfy-client', clientSecret: 'bfy-secret' });
  const { token } = await createApiToken(deps, t.id, { name: 'test', member: boss.id });
  return { t, token };
}

const healthz = async () => (await fetch(`${base}/healthz`)).status;

describe('an IdP answering HTTP 999', () => {
  it('back-channel logout (unauthenticated, fetches the JWKS): refused with 400, and the app still answers', async () => {
    const { t } = await ssoTenant(`${rogueJwks.origin}/org`);
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const logoutToken = await new SignJWT({
      sub: 'someone',
      jti: 'j-1',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'logout+jwt' })
      .setIssuer(`${rogueJwks.origin}/org`)
      .setAudience('bfy-client')
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .sign(privateKey);
    const res = await fetch(`${base}/sso/${t.slug}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logoutToken }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/HTTP status 999/),
    });
    expect(await healthz()).toBe(200);
  });

  it.each([
    ['its JWKS', () => `${rogueJwks.origin}/org`, 'Signing keys'],
    ['its discovery document', () => `${rogueDiscovery.origin}/org`, 'Discovery document'],
  ])(
    'the SSO connection test (%s): a failed check naming the status, and the app still answers',
    async (_what, issuer, check) => {
      const { token } = await ssoTenant(issuer());
      const res = await fetch(`${base}/api/trpc/sso.testConnection`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      const { result } = (await res.json()) as {
        result: { data: { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] } };
      };
      expect(result.data.ok).toBe(false);
      expect(result.data.checks.find((c) => c.name === check)).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/HTTP status 999/),
      });
      expect(await healthz()).toBe(200);
    },
  );
});
