import { type IdpObject, isCredentialRejection } from '@butterfly/domain/idp';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../testing/msw-server.ts';
import { REDACTED } from '../okta/json-path.fns.ts';
import type { EntraClientOptions, EntraConnectionConfig } from './client.ts';
import { EntraAuthError, EntraMissingPermissionError } from './errors.ts';
import { CERT_PEM, CLIENT_ID, GRAPH, SECRET, type TenantOptions } from './test/graph-handlers.ts';
import { InstantClock } from './test/instant-clock.ts';
import { SettlingClock } from './test/settling-clock.ts';
import { testClient } from './test/test-client.ts';
import { application, GROUP_IDS, USER_IDS, tenantData, user } from './test/tenant-fixtures.ts';

const server = useMswServer();

const setup = <C extends InstantClock | SettlingClock = InstantClock>(
  t: TenantOptions = {},
  cfg: Partial<EntraConnectionConfig> = {},
  opts: EntraClientOptions = {},
  clock: C = new InstantClock() as C,
) => testClient(server, { ...tenantData(), ...t }, cfg, opts, clock);

async function collect(it: AsyncIterable<IdpObject>) {
  const out: IdpObject[] = [];
  for await (const o of it) out.push(o);
  return out;
}

describe('Entra client: paging and batches', () => {
  it('pages across three pages, following @odata.nextLink exactly as sent', async () => {
    const { tenant, client } = setup({ pageSize: 2 });
    const users = await collect(client.listObjects({ types: ['user'] }));
    expect(users.map((u) => u.id)).toEqual(USER_IDS);
    const urls = tenant.gets('/users').map((s) => s.url);
    expect(urls).toHaveLength(3);
    // Graph's largest page: a page costs the same RU whatever it holds (this tenant pages by 2 anyway).
    expect(urls[0]).toBe(`${GRAPH}/v1.0/users?%24top=999`);
    // Pages 2 and 3 are the previous answers' nextLinks, byte for byte (opaque skip token included).
    const skip = (n: number) => Buffer.from(`RFNwdAIAAQAAAB:${n}:+/=`).toString('base64url');
    expect(urls.slice(1)).toEqual([
      `${GRAPH}/v1.0/users?%24top=999&%24skiptoken=${skip(2)}`,
      `${GRAPH}/v1.0/users?%24top=999&%24skiptoken=${skip(4)}`,
    ]);
    expect(users[0]!.body).toEqual(user(USER_IDS[0]!, 0));
    expect(client.stats()).toMatchObject({
      requests: 3,
      byEndpoint: { 'GET /users': { requests: 3 } },
      byType: { user: { objects: 5 } },
    });
  });

  it('reads child lists through $batch and retries only the failed sub-requests', async () => {
    const { tenant, client, clock } = setup();
    // One group went away (404); another's member list is throttled once, with Retry-After.
    tenant.inject(`/groups/${GROUP_IDS[1]}/members`, {
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: 'gone', innerError: { 'request-id': 'r1' } } },
    });
    tenant.inject(`/groups/${GROUP_IDS[2]}/members`, {
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { error: { code: 'TooManyRequests', message: 'throttled', innerError: {} } },
    });
    const start = clock.now();
    const objects = await collect(client.listObjects({ types: ['group.members'] }));
    expect(objects.map((o) => o.id).sort()).toEqual([GROUP_IDS[0], GROUP_IDS[2]].sort());
    // Decision 014: one object per group, members sorted, navigation stripped, @odata.type kept.
    expect(objects.find((o) => o.id === GROUP_IDS[0])!.body).toEqual({
      members: [USER_IDS[0], USER_IDS[1], USER_IDS[2]].map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
    });
    const batches = tenant.batches();
    expect(batches).toHaveLength(2);
    expect(batches[0]!.batch).toHaveLength(3);
    expect(batches[1]!.batch).toEqual([`/groups/${GROUP_IDS[2]}/members?%24select=id&%24top=999`]);
    expect(batches[1]!.at - batches[0]!.at).toBeGreaterThanOrEqual(7000);
    expect(clock.now() - start).toBeGreaterThanOrEqual(7000);
    expect(client.stats().byEndpoint!['GET /groups/{id}/members']).toMatchObject({ requests: 4, rateLimited: 1 });
  });

  it('counts the resource units Graph said it charged, per endpoint and in all', async () => {
    const { tenant, client } = setup({ pageSize: 2 });
    await collect(client.listObjects({ types: ['user', 'group.members'] }));
    const stats = client.stats();
    // Users cost 2 RU a page (3 pages); each member list 1 ($select), charged inside one $batch.
    expect(stats.byEndpoint!['GET /users']).toMatchObject({ requests: 3, resourceUnits: 6 });
    expect(stats.byEndpoint!['POST /$batch']).toMatchObject({ resourceUnits: 3 });
    const charged = tenant.charges.reduce((n, c) => n + c.ru, 0);
    expect(charged).toBeGreaterThan(9);
    expect(stats.resourceUnits).toBe(charged);
  });

  it('sends at most 20 sub-requests per $batch', async () => {
    const ids = Array.from({ length: 45 }, (_, i) => `0000000${i}-aaaa-4aaa-8aaa-000000000000`.slice(-36));
    const data = tenantData();
    data.collections['/groups'] = ids.map((id) => ({ id, displayName: id }));
    for (const id of ids) data.collections[`/groups/${id}/owners`] = [];
    const { tenant, client } = setup(data);
    const owners = await collect(client.listObjects({ types: ['group.owners'] }));
    expect(owners).toHaveLength(45);
    expect(tenant.batches().map((b) => b.batch!.length)).toEqual([20, 20, 5]);
  });
});

describe('Entra client: throttling', () => {
  it('honours Retry-After on a 429', async () => {
    const { tenant, client, clock } = setup();
    tenant.inject('/identity/conditionalAccess/namedLocations', {
      status: 429,
      headers: {
        'Retry-After': '30',
        'x-ms-throttle-scope': 'Tenant_Application/ReadWrite/x',
        'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
      },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests', innerError: {} } },
    });
    const got = await collect(client.listObjects({ types: ['namedLocation'] }));
    expect(got).toHaveLength(1);
    expect(clock.slept).toEqual([30_000]);
    expect(client.stats().byEndpoint!['GET /identity/conditionalAccess/namedLocations']).toMatchObject({
      requests: 2,
      rateLimited: 1,
      waits: 1,
      waitMs: 30_000,
    });
  });

  it('backs off exponentially, capped, on a 429 without Retry-After', async () => {
    const { tenant, client, clock } = setup();
    const bare = { status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down', innerError: {} } } };
    tenant.inject('/identity/conditionalAccess/policies', bare, bare, bare, bare);
    const got = await collect(client.listObjects({ types: ['conditionalAccessPolicy'] }));
    expect(got).toHaveLength(1);
    // base 2 s doubling, cap 5 s; random = 1 takes the top of each jitter range.
    expect(clock.slept).toEqual([2000, 4000, 5000, 5000]);
  });

  it('uses jitter: the same ladder with random = 0 waits half as long', async () => {
    const { tenant, client, clock } = setup({}, {}, { random: () => 0 });
    const bare = { status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down', innerError: {} } } };
    tenant.inject('/identity/conditionalAccess/policies', bare, bare);
    await collect(client.listObjects({ types: ['conditionalAccessPolicy'] }));
    expect(clock.slept).toEqual([1000, 2000]);
  });

  it('never plans more than its share of the RU bucket in any 10 s', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `u-${String(i).padStart(3, '0')}`);
    const { tenant, client, clock } = setup(
      { collections: { '/users': ids.map((id, i) => user(id, i)) }, pageSize: 1 },
      {},
      { ruPer10s: 40, concurrency: 1 },
    );
    const start = clock.now();
    const got = await collect(client.listObjects({ types: ['user'] }));
    expect(got).toHaveLength(60);
    // GET /users costs 2: 60 requests are 120 RU; the share is 50 % of 40 = 20 RU per 10 s.
    const worst = maxInWindow(tenant.charges, 10_000);
    expect(worst).toBeLessThanOrEqual(20);
    expect(worst).toBeGreaterThanOrEqual(18); // it does use its share, not far less
    expect(clock.now() - start).toBeGreaterThanOrEqual(50_000);
  });

  it('keeps to its share with every type read at once, batches included', async () => {
    const clock = new SettlingClock();
    const { tenant, client } = setup({ pageSize: 1 }, {}, { ruPer10s: 24, concurrency: 4, clock }, clock);
    // The client counts a batch and each of its sub-requests; the tenant sees the same.
    const arrived = () => client.stats().requests === tenant.seen.reduce((n, s) => n + 1 + (s.batch?.length ?? 0), 0);
    const all = await clock.run(collect(client.listObjects()), arrived);
    expect(all.length).toBeGreaterThan(40);
    expect(maxInWindow(tenant.charges, 10_000)).toBeLessThanOrEqual(12);
  });

  it('halves its pace while Graph reports x-ms-throttle-limit-percentage', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `u-${String(i).padStart(3, '0')}`);
    const { tenant, client } = setup(
      { collections: { '/users': ids.map((id, i) => user(id, i)) }, pageSize: 1 },
      {},
      { ruPer10s: 40, concurrency: 1 },
    );
    tenant.setHeader('x-ms-throttle-limit-percentage', '0.85');
    await collect(client.listObjects({ types: ['user'] }));
    expect(maxInWindow(tenant.charges.slice(1), 10_000)).toBeLessThanOrEqual(10);
  });
});

/** The most RU charged in any window of `ms` (sliding: every window that starts at a charge). */
function maxInWindow(charges: { at: number; ru: number }[], ms: number) {
  let worst = 0;
  for (const c of charges) {
    const sum = charges.filter((d) => d.at >= c.at && d.at < c.at + ms).reduce((n, d) => n + d.ru, 0);
    worst = Math.max(worst, sum);
  }
  return worst;
}

describe('Entra client: token', () => {
  it('gets one token by client secret and reuses it until shortly before expiry', async () => {
    const { tenant, client, clock } = setup();
    await collect(client.listObjects({ types: ['domain'] }));
    await collect(client.listObjects({ types: ['organization'] }));
    expect(tenant.tokenRequests).toHaveLength(1);
    const form = tenant.tokenRequests[0]!;
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      scope: `${GRAPH}/.default`,
      client_secret: SECRET,
    });
    clock.t += 3599_000 - 5 * 60_000 + 1; // inside the renewal margin
    await collect(client.listObjects({ types: ['domain'] }));
    expect(tenant.tokenRequests).toHaveLength(2);
  });

  it('gets a token by certificate: an RS256 assertion with x5t#S256, verified by the STS', async () => {
    const { tenant, client } = setup({}, { credentials: { kind: 'certificate', certificatePem: CERT_PEM } });
    const got = await collect(client.listObjects({ types: ['domain'] }));
    expect(got).toHaveLength(1);
    expect(tenant.tokenRequests[0]!.get('client_secret')).toBeNull();
    expect(tenant.tokenRequests[0]!.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(tenant.assertionHeaders[0]).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(tenant.assertionHeaders[0]).toHaveProperty('x5t');
  });

  it("refuses a certificate file whose key is not the certificate's", () => {
    const otherKey = CERT_PEM.replace(/-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/, '');
    expect(() => setup({}, { credentials: { kind: 'certificate', certificatePem: otherKey } })).toThrow(
      expect.objectContaining({ code: 'BAD_CERTIFICATE' }),
    );
  });

  it.each([
    [
      'a wrong secret',
      { credentials: { kind: 'client_secret' as const, clientSecret: 'nope' } },
      {},
      'BAD_SECRET',
      7000215,
    ],
    ['an unknown app', { clientId: '11111111-2222-3333-4444-555555555555' }, {}, 'UNKNOWN_APP', 700016],
    ['an app never consented in the tenant', {}, { unconsented: true }, 'MISSING_CONSENT', 7000229],
  ])('maps %s to a stable code', async (_what, cfg, t, code, aadsts) => {
    const { client } = setup(t, cfg);
    const err = await collect(client.listObjects({ types: ['domain'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraAuthError);
    expect(err).toMatchObject({ code, aadsts });
    expect(isCredentialRejection(err)).toBe(true);
    expect(String((err as Error).message)).not.toContain(SECRET);
    const report = await client.testAccess();
    expect(report).toMatchObject({ ok: false, connected: false });
  });
});

describe('Entra client: objects', () => {
  it('redacts secrets and strips @odata navigation, keeping @odata.type', async () => {
    const { client } = setup();
    const [app] = await collect(client.listObjects({ types: ['application'] }));
    expect(app!.redacted).toEqual(['passwordCredentials[0].secretText', 'keyCredentials[0].key']);
    expect(app!.body).toMatchObject({
      passwordCredentials: [{ secretText: REDACTED, hint: 'Qx~', keyId: '1a2b3c4d-0000-4000-8000-000000000001' }],
      keyCredentials: [{ key: REDACTED, type: 'AsymmetricX509Cert' }],
    });
    expect(JSON.stringify(app)).not.toContain('leaked-secret-value');
    expect(JSON.stringify(app)).not.toContain('keymaterial');
    expect(app!.body).not.toHaveProperty('@odata.context');
    expect(app!.body).not.toHaveProperty(['owners@odata.navigationLink']);
    expect(app!.id).toBe(application.id);
    const [loc] = await collect(client.listObjects({ types: ['namedLocation'] }));
    expect(loc!.body).toMatchObject({ '@odata.type': '#microsoft.graph.ipNamedLocation' });
  });

  it('backs up every type of the catalog, splitting method configurations out of their policy', async () => {
    const { client } = setup();
    const all = await collect(client.listObjects());
    const types = new Set(all.map((o) => o.type));
    for (const t of [
      'conditionalAccessPolicy',
      'authenticationMethodConfiguration',
      'crossTenantAccessPolicy.default',
      'crossTenantAccessPolicy.partner',
      'group.members',
      'group.owners',
      'servicePrincipal.appRoleAssignedTo',
      'application.federatedIdentityCredential',
      'directorySetting',
      'roleManagementPolicy',
      'subscribedSku',
    ])
      expect(types, t).toContain(t);
    const policy = all.find((o) => o.type === 'authenticationMethodsPolicy')!;
    expect(policy.body).not.toHaveProperty('authenticationMethodConfigurations');
    expect(all.filter((o) => o.type === 'authenticationMethodConfiguration').map((o) => o.id)).toEqual([
      'Fido2',
      'Sms',
    ]);
    expect(all.filter((o) => o.type === 'group.members')).toHaveLength(3);
    const stats = client.stats();
    // Nothing was skipped: every path the catalog reads exists on the tenant.
    expect(Object.entries(stats.byType!).filter(([, s]) => s.skipped)).toEqual([]);
    expect(Object.keys(stats.byType!).sort()).toEqual(
      client
        .objectTypes()
        .map((t) => t.type)
        .sort(),
    );
  });

  it('stops with the permission to grant when Graph answers 403', async () => {
    const { client } = setup({ roles: ['Group.Read.All'] });
    const err = await collect(client.listObjects({ types: ['conditionalAccessPolicy'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraMissingPermissionError);
    expect(err).toMatchObject({ permission: 'Policy.Read.All' });
  });

  it('reads a delta and then only what changed since its deltaLink', async () => {
    const { client, tenant } = setup({ pageSize: 2 });
    const first = await client.readDelta('user');
    expect(first.changed).toHaveLength(5);
    expect(first.deltaLink).toMatch(new RegExp(`^${GRAPH}/v1.0/users/delta\\?\\$deltatoken=`));
    tenant.inject(`/users/delta`, {
      status: 200,
      body: {
        '@odata.context': `${GRAPH}/v1.0/$metadata#users`,
        value: [
          { ...user(USER_IDS[1]!, 1), displayName: 'Renamed' },
          { id: USER_IDS[4], '@removed': { reason: 'changed' } },
        ],
        '@odata.deltaLink': `${GRAPH}/v1.0/users/delta?$deltatoken=next`,
      },
    });
    const second = await client.readDelta('user', { deltaLink: first.deltaLink });
    expect(second.changed.map((o) => [o.id, (o.body as { displayName: string }).displayName])).toEqual([
      [USER_IDS[1], 'Renamed'],
    ]);
    expect(second.removed).toEqual([USER_IDS[4]]);
    expect(second.deltaLink).toBe(`${GRAPH}/v1.0/users/delta?$deltatoken=next`);
    expect(tenant.gets('/users/delta').at(-1)!.url).toBe(first.deltaLink);
  });
});

describe('Entra client: access check', () => {
  it('lists the read permissions the token holds and what each missing one leaves out', async () => {
    const { client } = setup({ roles: ['Directory.Read.All', 'Policy.Read.All'] });
    const report = await client.testAccess();
    expect(report.connected).toBe(true);
    expect(report.ok).toBe(false);
    // Directory.Read.All includes users, groups, apps, admin units, domains and the organization.
    expect(report.granted).toEqual(
      expect.arrayContaining([
        'Policy.Read.All',
        'Directory.Read.All',
        'User.Read.All',
        'Group.Read.All',
        'Application.Read.All',
      ]),
    );
    const missing = Object.fromEntries(report.missing.map((m) => [m.scope, m.leavesOut]));
    expect(Object.keys(missing).sort()).toEqual([
      'Policy.Read.PermissionGrant',
      'RoleAssignmentSchedule.Read.Directory',
      'RoleEligibilitySchedule.Read.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagementPolicy.Read.Directory',
    ]);
    expect(missing['Policy.Read.PermissionGrant']).toEqual(['permissionGrantPolicy']);
    expect(missing['RoleManagement.Read.Directory']).toEqual(['directoryRole', 'roleDefinition', 'roleAssignment']);
    // The directory audit log is optional (decision 060): named, without making the report not ok.
    expect(report.optionalMissing).toEqual([
      { scope: 'AuditLog.Read.All', leavesOut: ['who made each change (directory audit log)'] },
    ]);
  });

  it('is ok with the whole read consent set', async () => {
    const { client } = setup();
    expect(await client.testAccess()).toMatchObject({ ok: true, connected: true, missing: [] });
  });
});
