import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PASSWORD, startAcme } from '../test/fixtures.ts';
import { exchangeCode, signIn } from '../test/flow.ts';

let ctx: Awaited<ReturnType<typeof startAcme>>;
beforeAll(async () => {
  ctx = await startAcme();
});
afterAll(() => ctx.sim.close());

async function idTokenFrom(org: string, client = ctx.client, email = 'ann@acme.test') {
  const flow = await signIn({ sim: ctx.sim, org, client, email, password: PASSWORD });
  const res = await exchangeCode(ctx.sim, org, client, flow.callback!.searchParams.get('code')!, flow.verifier);
  return res.body.id_token!;
}

const jwksOf = async (org: string) =>
  (await (await fetch(`${ctx.sim.url}/${org}/oauth2/v1/keys`)).json()) as { keys: { kid: string }[] };

test('after a key rotation new tokens carry the new kid, and tokens signed before still verify', async () => {
  const before = await idTokenFrom('acme');
  const oldKid = decodeProtectedHeader(before).kid;

  const res = await fetch(`${ctx.sim.url}/_sim/orgs/acme/rotate-keys`, { method: 'POST' });
  const rotated = (await res.json()) as { kid: string; kids: string[] };
  expect(rotated.kid).not.toBe(oldKid);
  expect(rotated.kids).toEqual([rotated.kid, oldKid]);

  const after = await idTokenFrom('acme');
  expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
  expect((await jwksOf('acme')).keys.map((k) => k.kid)).toEqual([rotated.kid, oldKid]);

  const jwks = createRemoteJWKSet(new URL(`${ctx.sim.url}/acme/oauth2/v1/keys`));
  const options = { issuer: `${ctx.sim.url}/acme`, audience: ctx.client.client_id };
  await expect(jwtVerify(before, jwks, options)).resolves.toBeTruthy();
  await expect(jwtVerify(after, jwks, options)).resolves.toBeTruthy();
});

test('two orgs have their own issuer and keys: a token from one does not verify with the other', async () => {
  await ctx.sim.orgs.createOrg({ name: 'globex' });
  await ctx.sim.orgs.addUser('globex', {
    email: 'bob@globex.test',
    password: PASSWORD,
    givenName: 'Bob',
    familyName: 'Baxter',
  });
  const globexClient = ctx.sim.orgs.addClient('globex', {
    redirect_uris: ['http://localhost:3000/sso/globex/callback'],
  });

  const fromGlobex = await idTokenFrom('globex', globexClient, 'bob@globex.test');
  const globexKeys = await jwksOf('globex');
  const acmeKeys = await jwksOf('acme');
  expect(globexKeys.keys.map((k) => k.kid)).not.toEqual(expect.arrayContaining(acmeKeys.keys.map((k) => k.kid)));

  const { payload } = await jwtVerify(fromGlobex, createLocalJWKSet(globexKeys as never), {
    issuer: `${ctx.sim.url}/globex`,
  });
  expect(payload.email).toBe('bob@globex.test');
  await expect(jwtVerify(fromGlobex, createLocalJWKSet(acmeKeys as never))).rejects.toThrow();

  // Bob exists in globex only: acme's sign-in refuses him.
  const cross = await signIn({
    sim: ctx.sim,
    org: 'acme',
    client: ctx.client,
    email: 'bob@globex.test',
    password: PASSWORD,
  });
  expect(cross.callback).toBeUndefined();
});

test('a session survives a key rotation', async () => {
  const flow = await signIn({
    sim: ctx.sim,
    org: 'acme',
    client: ctx.client,
    email: 'ann@acme.test',
    password: PASSWORD,
  });
  await ctx.sim.orgs.rotateKeys('acme');
  const again = await signIn({
    sim: ctx.sim,
    org: 'acme',
    client: ctx.client,
    email: 'x',
    password: 'x',
    browser: flow.browser,
  });
  expect(again.loginPage).toBeUndefined();
  expect(again.callback?.searchParams.get('code')).toBeTruthy();
});
