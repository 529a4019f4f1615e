import { type IdpObject, isCredentialRejection } from '@butterfly/domain/idp';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../testing/msw-server.ts';
import { type GoogleClientOptions, type GoogleConnectionConfig, googleBases } from './client.ts';
import { GoogleAuthError, GoogleError, GoogleForbiddenError, GoogleUnavailableError } from './errors.ts';
import {
  ADMIN_EMAIL,
  ALL_SCOPES,
  type CustomerOptions,
  CUSTOMER_ID,
  directoryError,
  GROUP_IDS,
  SA_CLIENT_ID,
  SA_EMAIL,
  SA_KEY,
  TOKEN_URL,
  USER_IDS,
} from './test/google-handlers.ts';
import { googleTestClient } from './test/test-client.ts';

const server = useMswServer();

const setup = (c: CustomerOptions = {}, cfg: Partial<GoogleConnectionConfig> = {}, opts: GoogleClientOptions = {}) =>
  googleTestClient(server, c, cfg, opts);

async function collect(it: AsyncIterable<IdpObject>) {
  const out: IdpObject[] = [];
  for await (const o of it) out.push(o);
  return out;
}
const S = 'https://www.googleapis.com/auth/';
const byType = (objs: IdpObject[]) => {
  const m: Record<string, string[]> = {};
  for (const o of objs) {
    m[o.type] ??= [];
    m[o.type]!.push(o.id);
  }
  for (const v of Object.values(m)) v.sort();
  return m;
};

describe('Google client: a full backup', () => {
  it('reads every catalog type from the three Google hosts, paging with nextPageToken', async () => {
    const { client, customer } = setup({ pageSize: 2 });
    const objs = await collect(client.listObjects());
    expect(byType(objs)).toEqual({
      customer: [CUSTOMER_ID],
      user: [...USER_IDS].sort(),
      group: [...GROUP_IDS].sort(),
      'group.members': [...GROUP_IDS].sort(),
      'group.settings': [...GROUP_IDS].sort(),
      orgUnit: ['03ph8a2z0root', '03ph8a2z1enq4', '03ph8a2z2ctr9'],
      role: ['91447453409034241', '91447453409034242'],
      roleAssignment: ['91447453409035001', '91447453409035002'],
      domain: ['initech-labs.example', 'initech.example'],
      domainAlias: ['initech.example.net'],
      policy: ['aaa1', 'aaa2', 'aaa3', 'aaa4', 'aaa5'],
      inboundSamlSsoProfile: ['010xi5tr1szon40'],
      inboundSsoAssignment: ['0abcd1', '0abcd2'],
    });
    // Users: 5 at 2 a page is 3 pages, each next one asked for with the previous page's token.
    const users = customer.gets(/^\/admin\/directory\/v1\/users$/).map((r) => new URL(r.url));
    expect(users).toHaveLength(3);
    expect(users[0]!.searchParams.get('customer')).toBe(CUSTOMER_ID);
    expect(users[0]!.searchParams.get('projection')).toBe('full');
    expect(users[0]!.searchParams.get('pageToken')).toBeNull();
    expect(users[1]!.searchParams.get('pageToken')).toBeTruthy();
    // The body is Google's, admin and 2SV flags included.
    const u0 = objs.find((o) => o.type === 'user' && o.id === USER_IDS[0])!.body as Record<string, unknown>;
    expect(u0).toMatchObject({ isAdmin: true, isEnrolledIn2Sv: true, isEnforcedIn2Sv: true, orgUnitPath: '/' });
    // A group's members are one object, sorted; the group settings keyed by the group's email.
    const m0 = objs.find((o) => o.type === 'group.members' && o.id === GROUP_IDS[0])!.body as {
      members: { id: string }[];
    };
    expect(m0.members.map((m) => m.id)).toEqual([USER_IDS[0], USER_IDS[1]]);
    expect(customer.gets(/^\/groups\/v1\/groups\//).map((r) => new URL(r.url).host)).toEqual([
      'www.googleapis.com',
      'www.googleapis.com',
    ]);
    expect(customer.gets(/^\/v1\//).every((r) => new URL(r.url).host === 'cloudidentity.googleapis.com')).toBe(true);
    expect(client.stats()).toMatchObject({ byType: { user: { objects: 5 }, policy: { objects: 5 } }, rateLimited: 0 });
  });

  it("keys org units by the bare id a role assignment's orgUnitId names (Google drops the `id:` there)", async () => {
    const { client, customer } = setup();
    const objs = await collect(client.listObjects({ types: ['orgUnit', 'roleAssignment'] }));
    // The root too (policies and SSO assignments name it): Google's `all` would leave it out.
    const asked = customer.gets(/\/orgunits$/).map((r) => new URL(r.url).searchParams.get('type'));
    expect(asked).toEqual(['allIncludingParent']);
    const ous = objs.filter((o) => o.type === 'orgUnit');
    const scoped = objs.filter((o) => o.type === 'roleAssignment' && (o.body as { orgUnitId?: string }).orgUnitId);
    expect(scoped).toHaveLength(1);
    const ouId = (scoped[0]!.body as { orgUnitId: string }).orgUnitId;
    expect(ous.find((o) => o.id === ouId)?.body).toMatchObject({ orgUnitPath: '/Engineering' });
    // The body keeps Google's own form; a child names its parent by that field.
    expect(ous.map((o) => (o.body as { orgUnitId: string }).orgUnitId).sort()).toEqual([
      'id:03ph8a2z0root',
      'id:03ph8a2z1enq4',
      'id:03ph8a2z2ctr9',
    ]);
  });

  it('signs one RS256 JWT-bearer assertion for every read scope and reuses its token until expiry', async () => {
    const { client, customer, clock } = setup();
    await collect(client.listObjects({ types: ['user'] }));
    await collect(client.listObjects({ types: ['group'] }));
    expect(customer.assertions).toHaveLength(1);
    const a = customer.assertions[0]!;
    expect(a).toMatchObject({ iss: SA_EMAIL, sub: ADMIN_EMAIL, aud: TOKEN_URL });
    expect(String(a.scope).split(' ').sort()).toEqual([...ALL_SCOPES].sort());
    expect(Number(a.exp) - Number(a.iat)).toBe(3600);
    expect(Number(a.iat)).toBe(Math.floor(clock.now() / 1000));
    // An hour on, the token (3599 s) has expired: a new assertion.
    clock.t += 3600_000;
    await collect(client.listObjects({ types: ['domain'] }));
    expect(customer.assertions).toHaveLength(2);
  });

  it('follows blank Policy API pages and sends its pages at least a second apart', async () => {
    const { client, customer } = setup({ pageSize: 2, blankPolicyPages: 2 });
    const policies = await collect(client.listObjects({ types: ['policy'] }));
    expect(policies.map((p) => p.id)).toEqual(['aaa1', 'aaa2', 'aaa3', 'aaa4', 'aaa5']);
    const reqs = customer.gets(/^\/v1\/policies$/);
    // 3 real pages, each after 2 blank ones.
    expect(reqs).toHaveLength(9);
    expect(new URL(reqs[0]!.url).searchParams.get('pageSize')).toBe('100');
    expect(new URL(reqs[0]!.url).searchParams.get('filter')).toBe(`customer == "customers/${CUSTOMER_ID}"`);
    for (let i = 1; i < reqs.length; i++) expect(reqs[i]!.at - reqs[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(client.stats().rateLimited).toBe(0);
    expect(policies[0]!.body).toMatchObject({
      setting: { type: 'settings/security.two_step_verification_enforcement' },
    });
  });

  it("reads a page's group members and settings together, at most 4 at once", async () => {
    const { client, customer } = setup();
    const objs = await collect(client.listObjects({ types: ['group.members', 'group.settings'] }));
    expect(objs).toHaveLength(4);
    expect(customer.peak()).toBe(4);
  });

  it('skips the members and settings of a group deleted between its page and their read', async () => {
    const { client, customer } = setup();
    customer.inject(/\/groups\/03x8tuzt5d6e7f8\/members$/, {
      status: 404,
      body: directoryError(404, 'notFound', 'Resource Not Found: groupKey'),
    });
    const objs = await collect(client.listObjects({ types: ['group', 'group.members'] }));
    expect(byType(objs)).toEqual({ group: [...GROUP_IDS].sort(), 'group.members': [GROUP_IDS[0]] });
  });
});

describe('Google client: paging guards', () => {
  it('stops with an error when a page token comes back a second time', async () => {
    const { client, customer } = setup();
    const looping = { status: 200, body: { kind: 'admin#directory#roles', items: [], nextPageToken: 'tok-1' } };
    customer.inject(/\/roles$/, looping, looping);
    const err = await collect(client.listObjects({ types: ['role'] })).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleError);
    expect(err.message).toContain('page token it had already sent');
    expect(customer.gets(/\/roles$/)).toHaveLength(2);
  });
});

describe('Google client: quotas', () => {
  it('backs off with jitter on 403 userRateLimitExceeded and quotaExceeded, then goes on', async () => {
    const { client, customer, clock } = setup({}, {}, { random: () => 0.5 });
    customer.inject(
      /^\/admin\/directory\/v1\/users$/,
      { status: 403, body: directoryError(403, 'userRateLimitExceeded', 'Quota exceeded for quota metric Queries') },
      { status: 403, body: directoryError(403, 'quotaExceeded', 'Quota exceeded for quota group') },
    );
    const users = await collect(client.listObjects({ types: ['user'] }));
    expect(users).toHaveLength(5);
    // 1 s then 2 s ceilings, half of each plus half of the rest at random = 0.5.
    expect(clock.slept).toEqual([750, 1500]);
    expect(client.stats().byEndpoint!['GET /admin/directory/v1/users']).toMatchObject({ requests: 3, rateLimited: 2 });
  });

  it('waits 30 s and more on the Policy API per-minute quota (429)', async () => {
    const { client, customer, clock } = setup();
    customer.inject(/^\/v1\/policies$/, {
      status: 429,
      body: {
        error: {
          code: 429,
          message:
            "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'cloudidentity.googleapis.com'.",
          status: 'RESOURCE_EXHAUSTED',
        },
      },
    });
    const policies = await collect(client.listObjects({ types: ['policy'] }));
    expect(policies).toHaveLength(5);
    expect(clock.slept).toContain(30_000);
  });

  it('retries a bare 429 with exponential backoff and gives up after maxThrottled', async () => {
    const { client, customer, clock } = setup({}, {}, { maxThrottled: 3 });
    const tooMany = {
      status: 429,
      body: { error: { code: 429, message: 'Too Many Requests', status: 'RESOURCE_EXHAUSTED' } },
    };
    customer.inject(/^\/admin\/directory\/v1\/customer\/[^/]+\/domains$/, tooMany, tooMany, tooMany, tooMany);
    const err = await collect(client.listObjects({ types: ['domain'] })).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleUnavailableError);
    expect(clock.slept).toEqual([1000, 2000, 4000]);
  });

  it('keeps Directory queries within half the per-minute quota in any minute', async () => {
    // 10 a minute at 50 %: 5; one user a page is 5 pages, plus the customer read.
    const { client, customer } = setup({ pageSize: 1 }, {}, { queriesPerMin: 10 });
    await collect(client.listObjects({ types: ['user', 'domain'] }));
    const at = customer.requests.map((r) => r.at);
    expect(at).toHaveLength(7);
    for (const t of at) expect(at.filter((x) => x > t - 61_000 && x <= t).length).toBeLessThanOrEqual(5);
    expect(at[at.length - 1]! - at[0]!).toBeGreaterThan(60_000);
  });
});

describe('Google client: credentials and delegation', () => {
  it('names the scopes domain-wide delegation lacks when the token endpoint says unauthorized_client', async () => {
    const lacking = [`${S}cloud-identity.policies.readonly`, `${S}apps.groups.settings`];
    const { client } = setup({ delegated: ALL_SCOPES.filter((s) => !lacking.includes(s)) });
    const err = await collect(client.listObjects({ types: ['user'] })).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleAuthError);
    expect(err.code).toBe('DELEGATION_MISSING');
    expect([...err.scopes].sort()).toEqual([...lacking].sort());
    expect(err.message).toContain('Domain-wide delegation missing for scopes');
    expect(err.message).toContain(SA_CLIENT_ID);
    expect(err.message).not.toContain('PRIVATE KEY');
    expect(isCredentialRejection(err)).toBe(true);
  });

  it('says when the admin it acts as is unknown', async () => {
    const { client } = setup({}, { adminEmail: 'nobody@initech.example' });
    const err = await collect(client.listObjects({ types: ['user'] })).catch((e) => e);
    expect(err).toMatchObject({ code: 'ADMIN_NOT_FOUND' });
    expect(isCredentialRejection(err)).toBe(true);
  });

  it('treats a 403 that is not a quota as a missing grant, without retrying', async () => {
    const { client, customer, clock } = setup();
    customer.inject(/^\/v1\/inboundSsoAssignments$/, {
      status: 403,
      body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
    });
    const err = await collect(client.listObjects({ types: ['inboundSsoAssignment'] })).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleForbiddenError);
    expect(err.scope).toBe(`${S}cloud-identity.inboundsso.readonly`);
    expect(clock.slept).toEqual([]);
  });

  it('says the Policy API needs a super admin when it answers 403', async () => {
    const { client, customer } = setup();
    customer.inject(/^\/v1\/policies$/, {
      status: 403,
      body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
    });
    const err = await collect(client.listObjects({ types: ['policy'] })).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleForbiddenError);
    expect(err.message).toContain('needs the admin email to be a super admin');
  });

  it('testAccess says which read scopes are granted and what each missing one leaves out', async () => {
    const { client } = setup({ delegated: ALL_SCOPES.filter((s) => s !== `${S}admin.directory.group.readonly`) });
    const report = await client.testAccess();
    expect(report.ok).toBe(false);
    expect(report.connected).toBe(true);
    expect(report.granted).toHaveLength(8);
    expect(report.missing).toEqual([
      { scope: `${S}admin.directory.group.readonly`, leavesOut: ['group', 'group.members', 'group.settings'] },
    ]);
    // The Admin audit log's scope is optional (decision 067): named, without making the report not ok.
    expect(report.optionalMissing).toEqual([
      { scope: `${S}admin.reports.audit.readonly`, leavesOut: ['who made each change (Admin audit log)'] },
    ]);
    const full = setup();
    const all = await full.client.testAccess();
    expect(all).toMatchObject({ ok: true, connected: true, missing: [] });
    expect(all.optionalMissing).toBeUndefined();
    expect(all.granted).toContain(`${S}admin.reports.audit.readonly`);
    expect((await setup({ delegated: ALL_SCOPES }).client.testAccess()).ok).toBe(true);
  });

  it('testAccess reports no connection when the key is refused', async () => {
    const { client } = setup({}, { credentials: { ...SA_KEY, clientEmail: 'other@x.iam.gserviceaccount.com' } });
    expect(await client.testAccess()).toMatchObject({
      ok: false,
      connected: false,
      detail: expect.stringMatching(/^BAD_KEY/),
    });
  });

  it('signs with the key id of the key file', async () => {
    const { client, customer } = setup();
    await client.testAccess();
    // One token request per read scope, and one for the audit log's.
    expect(customer.assertions.length).toBe(ALL_SCOPES.length + 1);
    expect(customer.headers[0]).toEqual({ alg: 'RS256', typ: 'JWT', kid: SA_KEY.privateKeyId });
  });
});

describe('Google client: the rest', () => {
  it('one API URL override stands for the Admin SDK, Cloud Identity and Groups Settings (decision 062)', () => {
    expect(googleBases(undefined)).toEqual({
      directory: 'https://admin.googleapis.com',
      cloudidentity: 'https://cloudidentity.googleapis.com',
      groupssettings: 'https://www.googleapis.com',
    });
    expect(googleBases('http://127.0.0.1:4300/acme/')).toEqual({
      directory: 'http://127.0.0.1:4300/acme',
      cloudidentity: 'http://127.0.0.1:4300/acme',
      groupssettings: 'http://127.0.0.1:4300/acme',
    });
  });

  it('says which types a restore writes and which become manual steps (decision 066)', async () => {
    const { client } = setup();
    const restore = Object.fromEntries(client.objectTypes().map((t) => [t.type, t.restore]));
    expect(restore.inboundSsoAssignment).toMatchObject({ create: false, update: false });
    expect(restore.orgUnit).toMatchObject({ create: true, update: true, delete: true, assignsId: true });
    await expect(client.writeObject({ type: 'domain', id: 'x' }, { kind: 'update', body: {} })).rejects.toThrow(
      GoogleError,
    );
  });
});
