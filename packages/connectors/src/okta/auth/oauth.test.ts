import { generateKeyPairSync } from 'node:crypto';
import type { IdpObject } from '@butterfly/domain/idp';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClientOptions } from '../client.ts';
import { OktaAuthError, OktaUnsupportedError } from '../errors.ts';
import { realClock } from '../http/clock.ts';
import { fakeOktaOrg, ORG } from '../test/okta-handlers.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CLIENT_ID = '0oa-service-app';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const READS = ['okta.trustedOrigins.read', 'okta.eventHooks.read'];

const oauthClient = (opts: OktaClientOptions & { privateKey?: string; keyId?: string } = {}) =>
  createOktaClient(
    {
      provider: 'okta',
      orgUrl: ORG,
      credentials: { kind: 'oauth', clientId: CLIENT_ID, privateKey: opts.privateKey ?? pem, keyId: opts.keyId },
    },
    { allowPrivateNetwork: true, backoffBaseMs: 1, jitterMs: 0, ...opts },
  );

async function collect(it: AsyncIterable<IdpObject>) {
  const out: IdpObject[] = [];
  for await (const o of it) out.push(o);
  return out;
}

describe('OAuth 2.0 client credentials with private_key_jwt', () => {
  it('signs a client assertion Okta accepts: iss = sub = client id, aud = token URL, short exp, unique jti', async () => {
    const org = fakeOktaOrg({ oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: READS } });
    server.use(...org.handlers);
    await collect(oauthClient({ keyId: 'key-1' }).listObjects({ types: ['trusted_origin'] }));
    await collect(oauthClient({ keyId: 'key-1' }).listObjects({ types: ['trusted_origin'] }));

    expect(org.assertions).toHaveLength(2);
    const claims = org.assertions.map((a) => decodeJwt(a));
    for (const c of claims) {
      expect(c).toMatchObject({ iss: CLIENT_ID, sub: CLIENT_ID, aud: TOKEN_URL });
      expect(c.exp! - c.iat!).toBe(300);
      expect(Math.abs(c.iat! - Date.now() / 1000)).toBeLessThan(5);
    }
    expect(claims[0]!.jti).toBeTruthy();
    expect(claims[0]!.jti).not.toBe(claims[1]!.jti);
    expect(decodeProtectedHeader(org.assertions[0]!)).toEqual({ alg: 'RS256', kid: 'key-1' });
  });

  it('asks once for every scope a run needs, and reuses the token until shortly before it expires', async () => {
    const org = fakeOktaOrg({
      oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: READS, expiresIn: 3600 },
    });
    const forms: URLSearchParams[] = [];
    server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        forms.push(new URLSearchParams(await request.clone().text()));
        return undefined;
      }),
      ...org.handlers,
    );
    // Real time plus a skew the test moves: a clock that never advanced would stall the bucket's pacing.
    let skew = 0;
    const c = oauthClient({ clock: { now: () => Date.now() + skew, sleep: realClock.sleep } });
    await collect(c.listObjects({ types: ['trusted_origin', 'event_hook'] }));
    await collect(c.listObjects({ types: ['trusted_origin', 'event_hook'] }));
    expect(forms).toHaveLength(1);
    expect(Object.fromEntries(forms[0]!)).toMatchObject({
      grant_type: 'client_credentials',
      scope: 'okta.eventHooks.read okta.trustedOrigins.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    });
    skew += 3539_000;
    await collect(c.listObjects({ types: ['trusted_origin', 'event_hook'] }));
    expect(forms).toHaveLength(1);
    skew += 2_000; // inside the last minute: renewed before Okta would refuse it
    await collect(c.listObjects({ types: ['trusted_origin', 'event_hook'] }));
    expect(forms).toHaveLength(2);
    const apiCalls = org.seen.filter((r) => r.method === 'GET');
    expect(apiCalls.every((r) => r.authorization?.startsWith('Bearer at-'))).toBe(true);
  });

  it('on a 401 gets a fresh token once, then gives up with a typed error', async () => {
    const org = fakeOktaOrg({ oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: READS } });
    let refusals = 1;
    let calls = 0;
    server.use(
      http.get(`${ORG}/api/v1/trustedOrigins`, () => {
        calls++;
        return refusals-- > 0
          ? HttpResponse.json({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, { status: 401 })
          : undefined;
      }),
      ...org.handlers,
    );
    expect(await collect(oauthClient().listObjects({ types: ['trusted_origin'] }))).toHaveLength(1);
    expect(calls).toBe(2);
    expect(org.assertions).toHaveLength(2);

    refusals = 99;
    calls = 0;
    await expect(collect(oauthClient().listObjects({ types: ['trusted_origin'] }))).rejects.toBeInstanceOf(
      OktaAuthError,
    );
    expect(calls).toBe(2);
  });

  it('reports a scope the app was not granted, and DPoP-bound apps', async () => {
    server.use(
      ...fakeOktaOrg({
        oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: ['okta.trustedOrigins.read'] },
      }).handlers,
    );
    await expect(collect(oauthClient().listObjects({ types: ['event_hook'] }))).rejects.toMatchObject({
      name: 'OktaAuthError',
      oauthError: 'invalid_scope',
    });

    server.resetHandlers(
      ...fakeOktaOrg({ oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: READS, tokenType: 'DPoP' } })
        .handlers,
    );
    await expect(collect(oauthClient().listObjects({ types: ['event_hook'] }))).rejects.toBeInstanceOf(
      OktaUnsupportedError,
    );
  });

  it('is refused with a key Okta does not know', async () => {
    server.use(...fakeOktaOrg({ oauth: { clientId: CLIENT_ID, publicKey: rsa.publicKey, granted: READS } }).handlers);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const err = await collect(oauthClient({ privateKey: other }).listObjects({ types: ['event_hook'] })).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ name: 'OktaAuthError', oauthError: 'invalid_client' });
  });

  it('signs with EC keys and private JWKs too', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const org = fakeOktaOrg({ oauth: { clientId: CLIENT_ID, publicKey: ec.publicKey, granted: READS } });
    server.use(...org.handlers);
    const jwk = JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'jwk-kid' });
    await collect(oauthClient({ privateKey: jwk }).listObjects({ types: ['event_hook'] }));
    expect(decodeProtectedHeader(org.assertions[0]!)).toEqual({ alg: 'ES256', kid: 'jwk-kid' });
  });
});
