import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bearer, call, clientAssertion, requestToken, ssws, startSeeded, testClock } from '../../test/api.ts';

const clock = testClock(Date.now());
let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded({ clock: clock.now });
});
afterAll(() => ctx.sim.close());

test('SSWS: the admin token works, anything else is E0000011', async () => {
  expect((await call(`${ctx.org}/api/v1/groups`, { auth: ssws(ctx.token) })).status).toBe(200);
  for (const auth of [
    undefined,
    ssws('00nope'),
    `SSWS ${ctx.sim.orgs.getOrg('globex').apiToken}`,
    'Basic Zm9vOmJhcg==',
  ]) {
    const res = await call(`${ctx.org}/api/v1/groups`, { auth });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
  }
});

test('private_key_jwt client credentials: a token with the asked scopes, usable on the Management API', async () => {
  const assertion = await clientAssertion(ctx.sim, 'acme', {}, clock.now());
  const res = await requestToken(ctx.sim, 'acme', 'okta.users.read okta.groups.manage', assertion);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'okta.users.read okta.groups.manage',
  });
  const claims = decodeJwt(res.body.access_token);
  expect(claims).toMatchObject({
    iss: ctx.org,
    aud: ctx.org,
    cid: ctx.acme.serviceApp.clientId,
    scp: ['okta.users.read', 'okta.groups.manage'],
  });
  const auth = `Bearer ${res.body.access_token}`;
  expect((await call(`${ctx.org}/api/v1/users?limit=1`, { auth })).status).toBe(200);
  expect((await call(`${ctx.org}/api/v1/groups`, { auth })).status).toBe(200); // manage includes read

  // The same assertion again is a replay.
  const replay = await requestToken(ctx.sim, 'acme', 'okta.users.read', assertion);
  expect(replay).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
});

test('a missing scope is a 403 E0000006 with an insufficient_scope challenge', async () => {
  const auth = await bearer(ctx.sim, 'acme', 'okta.users.read', clock.now());
  const res = await call(`${ctx.org}/api/v1/policies?type=PASSWORD`, { auth });
  expect(res.status).toBe(403);
  expect(res.body.errorCode).toBe('E0000006');
  const challenge = res.headers.get('www-authenticate')!;
  expect(challenge).toContain('error="insufficient_scope"');
  expect(challenge).toContain('scope="okta.policies.read"');
  // Reading users is allowed, writing them is not.
  const write = await call(`${ctx.org}/api/v1/users`, { auth, method: 'POST', body: JSON.stringify({ profile: {} }) });
  expect(write.status).toBe(403);
  expect(write.headers.get('www-authenticate')).toContain('scope="okta.users.manage"');
});

test('assertions are checked: audience, signing key, expiry; scopes must be granted', async () => {
  const now = clock.now();
  const wrongAud = await clientAssertion(ctx.sim, 'acme', { aud: `${ctx.org}/oauth2/default/v1/token` }, now);
  expect((await requestToken(ctx.sim, 'acme', 'okta.users.read', wrongAud)).body.error).toBe('invalid_client');

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { clientId, kid } = ctx.sim.orgs.serviceAppKey('acme');
  const iat = Math.floor(now / 1000);
  const forged = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${ctx.org}/oauth2/v1/token`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .setJti(randomUUID())
    .sign(privateKey);
  expect((await requestToken(ctx.sim, 'acme', 'okta.users.read', forged)).body.error).toBe('invalid_client');

  const expired = await clientAssertion(ctx.sim, 'acme', {}, now - 3_600_000);
  expect((await requestToken(ctx.sim, 'acme', 'okta.users.read', expired)).body.error).toBe('invalid_client');

  const ungranted = await requestToken(
    ctx.sim,
    'acme',
    'okta.factors.manage',
    await clientAssertion(ctx.sim, 'acme', {}, now),
  );
  expect(ungranted).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  const noScope = await requestToken(ctx.sim, 'acme', '', await clientAssertion(ctx.sim, 'acme', {}, now));
  expect(noScope.body.error).toBe('invalid_scope');
});

test('access tokens expire after an hour and belong to one org', async () => {
  const auth = await bearer(ctx.sim, 'acme', 'okta.users.read', clock.now());
  expect((await call(`${ctx.sim.url}/globex/api/v1/users`, { auth })).status).toBe(401);
  clock.advance(3_601_000);
  const res = await call(`${ctx.org}/api/v1/users`, { auth });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
});

test('the control API hands out the credentials, the key as PKCS#8 PEM, the same for the same seed', async () => {
  const org = await (await fetch(`${ctx.sim.url}/_sim/orgs/acme`)).json();
  expect(org).toMatchObject({ apiToken: ctx.token, serviceApp: { clientId: ctx.acme.serviceApp.clientId } });
  const pem = await (await fetch(`${ctx.sim.url}/_sim/orgs/acme/service-app-key`)).text();
  expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  const again = await startSeeded();
  try {
    expect(again.token).toBe(ctx.token);
    expect(again.sim.orgs.serviceAppKey('acme').privateKeyPem).toBe(pem);
  } finally {
    await again.sim.close();
  }
});
