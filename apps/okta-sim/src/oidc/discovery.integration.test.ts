import { afterAll, beforeAll, expect, test } from 'vitest';
import { startAcme } from '../test/fixtures.ts';

let ctx: Awaited<ReturnType<typeof startAcme>>;
beforeAll(async () => {
  ctx = await startAcme();
});
afterAll(() => ctx.sim.close());

test('the org URL is the issuer, with Okta endpoint paths below it', async () => {
  const res = await fetch(`${ctx.sim.url}/acme/.well-known/openid-configuration`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Record<string, string[]>;
  const org = `${ctx.sim.url}/acme`;
  expect(org).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme$/);
  expect(doc).toMatchObject({
    issuer: org,
    authorization_endpoint: `${org}/oauth2/v1/authorize`,
    token_endpoint: `${org}/oauth2/v1/token`,
    userinfo_endpoint: `${org}/oauth2/v1/userinfo`,
    jwks_uri: `${org}/oauth2/v1/keys`,
    end_session_endpoint: `${org}/oauth2/v1/logout`,
  });
  expect(doc.code_challenge_methods_supported).toContain('S256');
  expect(doc.id_token_signing_alg_values_supported).toContain('RS256');
  expect(doc.token_endpoint_auth_methods_supported).toEqual(
    expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
  );
  expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
  expect(doc.response_types_supported).toContain('code');
});

test('the JWKS publishes one RS256 public key, without private parts', async () => {
  const { keys } = (await (await fetch(`${ctx.sim.url}/acme/oauth2/v1/keys`)).json()) as {
    keys: Record<string, string>[];
  };
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: ctx.org.kids[0] });
  expect(keys[0]?.d).toBeUndefined();
});

test('an unknown org is a 404, not some other org', async () => {
  const res = await fetch(`${ctx.sim.url}/nope/.well-known/openid-configuration`);
  expect(res.status).toBe(404);
});
