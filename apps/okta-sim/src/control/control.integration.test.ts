import { afterAll, beforeAll, expect, test } from 'vitest';
import { createOktaSim, type OktaSim } from '../sim.ts';

let sim: OktaSim;
beforeAll(async () => {
  sim = await createOktaSim();
});
afterAll(() => sim.close());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Answers are checked field by field below; `any` keeps those checks short.
  return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as any };
}

test('orgs: create, read, refuse duplicates and bad names', async () => {
  const created = await call('POST', '/orgs', { name: 'initech' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'initech', url: `${sim.url}/initech`, issuer: `${sim.url}/initech` });
  expect((await call('GET', '/orgs/initech')).body).toEqual(created.body);
  expect((await call('POST', '/orgs', { name: 'initech' })).status).toBe(409);
  expect((await call('POST', '/orgs', { name: '_sim' })).status).toBe(400);
  expect((await call('POST', '/orgs', { name: 'Has Spaces' })).status).toBe(400);
  expect((await call('GET', '/orgs/nope')).status).toBe(404);
});

test('orgs with users: the demo content plus that many generated users, served by the Management API', async () => {
  const created = await call('POST', '/orgs', { name: 'tiny', users: 50 });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'tiny', url: `${sim.url}/tiny` });
  const users = (await call('GET', '/orgs/tiny/users')).body as { profile: { login: string } }[];
  expect(users.filter((u) => /^user\d+@tiny\.test$/.test(u.profile.login))).toHaveLength(50);
  expect(users.some((u) => u.profile.login === 'ada@tiny.test')).toBe(true);
  // Realistic configuration, as the seeded demo orgs have: groups with rules, apps, policies.
  const api = async (path: string) => {
    const res = await fetch(`${created.body.url}/api/v1${path}`, {
      headers: { authorization: `SSWS ${created.body.apiToken}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as unknown[];
  };
  expect((await api('/groups')).length).toBeGreaterThan(3);
  expect((await api('/groups/rules')).length).toBeGreaterThan(0);
  expect((await api('/apps')).length).toBeGreaterThan(3);
  expect((await api('/policies?type=ACCESS_POLICY')).length).toBeGreaterThan(0);

  expect((await call('POST', '/orgs', { name: 'empty', users: 0 })).status).toBe(201);
  expect((await call('POST', '/orgs', { name: 'too-big', users: 100_001 })).status).toBe(400);
  expect((await call('POST', '/orgs', { name: 'negative', users: -1 })).status).toBe(400);
  expect((await call('POST', '/orgs', { name: 'fraction', users: 1.5 })).status).toBe(400);
  expect((await call('POST', '/orgs', { name: 'tiny', users: 5 })).status).toBe(409);
});

test('users: created active with an Okta-style id, no password in the answer; status can change', async () => {
  await call('POST', '/orgs', { name: 'users-org' });
  const input = { email: 'ann@users.test', password: 'pw-1', givenName: 'Ann', familyName: 'Archer' };
  const created = await call('POST', '/orgs/users-org/users', input);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    status: 'active',
    profile: { login: 'ann@users.test', firstName: 'Ann', lastName: 'Archer' },
  });
  expect(created.body.id).toMatch(/^00u[0-9A-Za-z]{17}$/);
  expect(JSON.stringify(created.body)).not.toContain('pw-1');
  expect(created.body.passwordHash).toBeUndefined();

  expect((await call('POST', '/orgs/users-org/users', { ...input, email: 'ANN@users.test' })).status).toBe(409);
  expect((await call('POST', '/orgs/users-org/users', { ...input, email: 'not-an-email' })).status).toBe(400);

  expect((await call('GET', '/orgs/users-org/users')).body).toEqual([created.body]);

  const patched = await call('PATCH', `/orgs/users-org/users/${created.body.id}`, { status: 'deactivated' });
  expect(patched).toMatchObject({ status: 200, body: { status: 'deactivated' } });
  expect((await call('PATCH', `/orgs/users-org/users/${created.body.id}`, { status: 'gone' })).status).toBe(400);
  expect((await call('PATCH', '/orgs/users-org/users/00uNOPE', { status: 'active' })).status).toBe(404);
});

test('clients: id and secret generated when omitted, kept when given', async () => {
  await call('POST', '/orgs', { name: 'apps-org' });
  const generated = await call('POST', '/orgs/apps-org/clients', { redirect_uris: ['http://localhost:3000/cb'] });
  expect(generated.status).toBe(201);
  expect(generated.body.client_id).toMatch(/^0oa[0-9A-Za-z]{17}$/);
  expect(generated.body.client_secret.length).toBeGreaterThanOrEqual(40);
  expect(generated.body.post_logout_redirect_uris).toEqual([]);

  const given = { client_id: 'butterfly', client_secret: 's3cret', redirect_uris: ['http://localhost:3000/cb'] };
  expect((await call('POST', '/orgs/apps-org/clients', given)).body).toMatchObject(given);
  expect((await call('POST', '/orgs/apps-org/clients', given)).status).toBe(409);
  expect((await call('POST', '/orgs/apps-org/clients', { redirect_uris: [] })).status).toBe(400);
});

test('malformed requests get JSON errors', async () => {
  const res = await fetch(`${sim.url}/_sim/orgs`, { method: 'POST', body: '{not json' });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  expect((await call('DELETE', '/orgs')).status).toBe(405);
  expect((await call('GET', '/nothing-here')).status).toBe(404);
});

test('reset drops every org and its endpoints', async () => {
  await call('POST', '/orgs', { name: 'doomed' });
  expect((await fetch(`${sim.url}/doomed/.well-known/openid-configuration`)).status).toBe(200);
  expect((await call('POST', '/reset')).status).toBe(204);
  expect((await call('GET', '/orgs')).body).toEqual([]);
  expect((await fetch(`${sim.url}/doomed/.well-known/openid-configuration`)).status).toBe(404);
});
