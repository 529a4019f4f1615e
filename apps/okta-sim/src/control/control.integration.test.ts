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
