import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient } from '../client.ts';

/** An org URL with a path (the simulator serves each org below its own): every request stays below it. */
const ORG = 'http://127.0.0.1:4999/acme';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const rate = {
  'x-rate-limit-limit': '100',
  'x-rate-limit-remaining': '99',
  'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 60),
};
const zone = (id: string) => ({ id, name: id, _links: { self: { href: `${ORG}/api/v1/zones/${id}` } } });

describe('an org URL with a path', () => {
  it('resolves list paths and next links below it, and the token endpoint too', async () => {
    const seen: string[] = [];
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let audience: unknown;
    server.use(
      http.post(`${ORG}/oauth2/v1/token`, async ({ request }) => {
        audience = decodeJwt(new URLSearchParams(await request.text()).get('client_assertion')!).aud;
        return HttpResponse.json({ token_type: 'Bearer', expires_in: 3600, access_token: 'at' });
      }),
      http.get(`${ORG}/api/v1/zones`, ({ request }) => {
        seen.push(request.url);
        const next = new URL(request.url).searchParams.has('after')
          ? {}
          : { link: `<${ORG}/api/v1/zones?after=z1>; rel="next"` };
        return HttpResponse.json([zone(seen.length === 1 ? 'nzo1' : 'nzo2')], { headers: { ...rate, ...next } });
      }),
    );
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const c = createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'oauth', clientId: '0oa1', privateKey: pem } },
      { allowPrivateNetwork: true },
    );
    const ids: string[] = [];
    for await (const o of c.listObjects({ types: ['network_zone'] })) ids.push(o.id);
    expect(ids).toEqual(['nzo1', 'nzo2']);
    expect(seen).toEqual([`${ORG}/api/v1/zones`, `${ORG}/api/v1/zones?after=z1`]);
    expect(audience).toBe(`${ORG}/oauth2/v1/token`);
  });

  it('refuses a next link outside the org path on the same host', async () => {
    server.use(
      http.get(`${ORG}/api/v1/zones`, () =>
        HttpResponse.json([zone('nzo1')], {
          headers: { ...rate, link: '<http://127.0.0.1:4999/globex/api/v1/zones?after=z1>; rel="next"' },
        }),
      ),
    );
    const c = createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: 'token-token' } },
      { allowPrivateNetwork: true },
    );
    const read = async () => {
      for await (const _ of c.listObjects({ types: ['network_zone'] }));
    };
    await expect(read()).rejects.toThrow('off the org');
  });
});
