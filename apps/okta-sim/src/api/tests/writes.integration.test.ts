import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
let api: (path: string, method?: string, body?: unknown) => ReturnType<typeof call>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 30 });
  api = (path, method = 'GET', body) =>
    call(`${ctx.org}${path}`, {
      auth: ssws(ctx.token),
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
});
afterAll(() => ctx.sim.close());

test('policies and rules: create, move a rule to priority 1, deactivate, delete', async () => {
  const policy = (
    await api('/api/v1/policies', 'POST', {
      type: 'PASSWORD',
      name: 'Restored',
      conditions: { people: { groups: { include: [] } } },
    })
  ).body;
  expect(policy).toMatchObject({
    id: expect.stringMatching(/^00p[\w]{17}$/),
    type: 'PASSWORD',
    status: 'ACTIVE',
    system: false,
  });
  const add = (name: string) =>
    api(`/api/v1/policies/${policy.id}/rules`, 'POST', { name, actions: { passwordChange: { access: 'ALLOW' } } });
  const [a, b, c] = [(await add('A')).body, (await add('B')).body, (await add('C')).body];
  expect([a.priority, b.priority, c.priority]).toEqual([1, 2, 3]);
  expect(c.id).toMatch(/^0pr/);
  const moved = await api(`/api/v1/policies/${policy.id}/rules/${c.id}`, 'PUT', { ...c, priority: 1 });
  expect(moved.body.priority).toBe(1);
  const order = (await api(`/api/v1/policies/${policy.id}/rules`)).body.map(
    (r: { name: string; priority: number }) => `${r.priority}:${r.name}`,
  );
  expect(order).toEqual(['1:C', '2:A', '3:B']);
  expect((await api(`/api/v1/policies/${policy.id}/rules/${a.id}/lifecycle/deactivate`, 'POST')).status).toBe(204);
  expect((await api(`/api/v1/policies/${policy.id}/rules/${a.id}`)).body.status).toBe('INACTIVE');
  expect((await api(`/api/v1/policies/${policy.id}`, 'DELETE')).status).toBe(204);
  expect((await api(`/api/v1/policies/${policy.id}`)).status).toBe(404);
});

test('apps: create with a supplied client secret, assign a group and a user, deactivate, then delete', async () => {
  const app = (
    await api('/api/v1/apps', 'POST', {
      label: 'Restored portal',
      signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { application_type: 'web', redirect_uris: ['https://restored.test/cb'] } },
    })
  ).body;
  expect(app).toMatchObject({
    id: expect.stringMatching(/^0oa/),
    status: 'ACTIVE',
    credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } },
  });
  const supplied = 'original-secret-from-the-vault-0123456789';
  const secret = await api(`/api/v1/apps/${app.id}/credentials/secrets`, 'POST', { client_secret: supplied });
  expect(secret.body).toMatchObject({ status: 'ACTIVE', client_secret: supplied, id: expect.stringMatching(/^ocs/) });
  expect((await api(`/api/v1/apps/${app.id}`)).body.credentials.oauthClient.client_secret).toBe(supplied);
  expect(
    (await api(`/api/v1/apps/${app.id}/credentials/secrets`, 'POST', { client_secret: 'short' })).body.errorCode,
  ).toBe('E0000001');

  const groups = (await api('/api/v1/groups?q=Finance')).body;
  const members = (await api(`/api/v1/groups/${groups[0].id}/users`)).body;
  expect((await api(`/api/v1/apps/${app.id}/groups/${groups[0].id}`, 'PUT', { priority: 0 })).status).toBe(200);
  const appUsers = (await api(`/api/v1/apps/${app.id}/users?limit=500`)).body;
  expect(appUsers.map((u: { id: string }) => u.id).sort()).toEqual(members.map((u: { id: string }) => u.id).sort());
  const someone = (await api('/api/v1/users/user1@acme.test')).body;
  const direct = await api(`/api/v1/apps/${app.id}/users`, 'POST', {
    id: someone.id,
    scope: 'USER',
    credentials: { userName: someone.profile.login },
  });
  expect(direct.body).toMatchObject({ id: someone.id, scope: 'USER' });

  expect((await api(`/api/v1/apps/${app.id}`, 'DELETE')).body.errorCode).toBe('E0000056');
  expect((await api(`/api/v1/apps/${app.id}/lifecycle/deactivate`, 'POST')).status).toBe(200);
  expect((await api(`/api/v1/apps/${app.id}`, 'DELETE')).status).toBe(204);
  expect((await api(`/api/v1/apps/${app.id}`)).status).toBe(404);
});

test('group rules are created inactive and assign users once activated', async () => {
  const target = (await api('/api/v1/groups', 'POST', { profile: { name: 'Berlin office' } })).body;
  const rule = (
    await api('/api/v1/groups/rules', 'POST', {
      type: 'group_rule',
      name: 'Berlin',
      conditions: { expression: { value: 'user.city=="Berlin"', type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [target.id] } },
    })
  ).body;
  expect(rule.status).toBe('INACTIVE');
  expect((await api(`/api/v1/groups/${target.id}/users`)).body).toEqual([]);
  expect((await api(`/api/v1/groups/rules/${rule.id}/lifecycle/activate`, 'POST')).status).toBe(204);
  const berliners = ctx.sim.orgs
    .listUsers('acme')
    .filter((u) => u.profile.city === 'Berlin' && u.oktaStatus !== 'DEPROVISIONED');
  expect((await api(`/api/v1/groups/${target.id}/users`)).body).toHaveLength(berliners.length);
  expect((await api(`/api/v1/groups/rules/${rule.id}`, 'PUT', rule)).body.errorCode).toBe('E0000001');
});

test('users: create, update the profile, suspend and unsuspend, delete in two steps', async () => {
  const created = await api('/api/v1/users?activate=true', 'POST', {
    profile: {
      login: 'new.hire@acme.test',
      email: 'new.hire@acme.test',
      firstName: 'New',
      lastName: 'Hire',
      department: 'Sales',
    },
    credentials: { password: { value: 'A-long-enough-password-1' } },
  });
  expect(created.body).toMatchObject({
    status: 'ACTIVE',
    profile: { login: 'new.hire@acme.test' },
    credentials: { provider: { type: 'OKTA' } },
  });
  const id = created.body.id;
  expect((await api('/api/v1/users', 'POST', { profile: created.body.profile })).body.errorCode).toBe('E0000001');
  expect(
    (await api(`/api/v1/users/${id}`, 'POST', { profile: { title: 'Account Executive' } })).body.profile,
  ).toMatchObject({ title: 'Account Executive', department: 'Sales' });
  const groups = (await api(`/api/v1/users/${id}/groups`)).body.map(
    (g: { profile: { name: string } }) => g.profile.name,
  );
  expect(groups).toEqual(expect.arrayContaining(['Everyone', 'Sales']));
  expect((await api(`/api/v1/users/${id}/lifecycle/suspend`, 'POST')).status).toBe(200);
  expect((await api(`/api/v1/users/${id}/lifecycle/suspend`, 'POST')).body.errorCode).toBe('E0000001');
  expect((await api(`/api/v1/users/${id}/lifecycle/unsuspend`, 'POST')).status).toBe(200);
  // An owner of a group stops owning it when deleted (deactivated, it still owns it).
  const [sales] = (await api('/api/v1/groups?q=Sales')).body as { id: string }[];
  expect((await api(`/api/v1/groups/${sales!.id}/owners`, 'POST', { id, type: 'USER' })).status).toBe(201);
  const owners = async () => (await api(`/api/v1/groups/${sales!.id}/owners`)).body.map((o: { id: string }) => o.id);
  expect((await api(`/api/v1/users/${id}`, 'DELETE')).status).toBe(204);
  expect((await api(`/api/v1/users/${id}`)).body.status).toBe('DEPROVISIONED');
  expect(await owners()).toContain(id);
  expect((await api(`/api/v1/users/${id}`, 'DELETE')).status).toBe(204);
  expect((await api(`/api/v1/users/${id}`)).status).toBe(404);
  expect(await owners()).not.toContain(id);
});

test('a DEPROVISIONED user keeps its id: profile updates are ignored until it is activated again (users.ts, as Okta does)', async () => {
  const created = await api('/api/v1/users?activate=true', 'POST', {
    profile: {
      login: 'leaver@acme.test',
      email: 'leaver@acme.test',
      firstName: 'Lea',
      lastName: 'Ver',
      city: 'Berlin',
    },
    credentials: { password: { value: 'A-long-enough-password-1' } },
  });
  const id = created.body.id;
  expect((await api(`/api/v1/users/${id}/lifecycle/deactivate`, 'POST')).status).toBe(200);
  const ignored = await api(`/api/v1/users/${id}`, 'POST', { profile: { city: 'Paris' } });
  expect(ignored.status).toBe(200);
  expect(ignored.body).toMatchObject({ status: 'DEPROVISIONED', profile: { city: 'Berlin' } });
  expect((await api(`/api/v1/users/${id}/lifecycle/activate?sendEmail=false`, 'POST')).status).toBe(200);
  expect((await api(`/api/v1/users/${id}`)).body).toMatchObject({
    id,
    status: expect.stringMatching(/^(ACTIVE|PROVISIONED)$/),
  });
  expect((await api(`/api/v1/users/${id}`, 'POST', { profile: { city: 'Paris' } })).body.profile.city).toBe('Paris');
});

test('zones, trusted origins, hooks and authorization server scopes round-trip; hook secrets are never returned', async () => {
  const zone = (
    await api('/api/v1/zones', 'POST', {
      type: 'IP',
      name: 'Branch',
      gateways: [{ type: 'CIDR', value: '10.1.0.0/16' }],
    })
  ).body;
  expect(zone).toMatchObject({ id: expect.stringMatching(/^nzo/), status: 'ACTIVE', usage: 'POLICY' });
  expect((await api(`/api/v1/zones/${zone.id}`, 'DELETE')).body.errorCode).toBe('E0000001');
  await api(`/api/v1/zones/${zone.id}/lifecycle/deactivate`, 'POST');
  expect((await api(`/api/v1/zones/${zone.id}`, 'DELETE')).status).toBe(204);

  const hooks = (await api('/api/v1/eventHooks')).body;
  expect(hooks.length).toBeGreaterThan(0);
  expect(JSON.stringify(hooks)).not.toContain('write-only-secret');

  const [server] = (await api('/api/v1/authorizationServers?q=acme')).body;
  const scope = await api(`/api/v1/authorizationServers/${server.id}/scopes`, 'POST', {
    name: 'invoices:read',
    description: 'Read invoices',
  });
  expect(scope).toMatchObject({
    status: 201,
    body: { id: expect.stringMatching(/^scp/), name: 'invoices:read', system: false },
  });
});
