import { type IdpObject, isCredentialRejection } from '@butterfly/domain/idp';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOktaClient, type OktaClientOptions } from './client.ts';
import { OktaApiError, OktaMissingScopeError, OktaUnavailableError, OutboundRefusedError } from './errors.ts';
import { REDACTED } from './json-path.fns.ts';
import { fakeOktaOrg, fixtures, ORG } from './test/okta-handlers.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = 'test-ssws-token';
const client = (opts: OktaClientOptions = {}) =>
  createOktaClient(
    { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: TOKEN } },
    { allowPrivateNetwork: true, backoffBaseMs: 1, jitterMs: 0, ...opts },
  );

async function collect(it: AsyncIterable<IdpObject>) {
  const out: IdpObject[] = [];
  for await (const o of it) out.push(o);
  return out;
}

describe('Okta client', () => {
  it('pages through every page, following next links verbatim with the largest limit', async () => {
    const org = fakeOktaOrg({ ssws: TOKEN, users: 1234, deprovisioned: 34 });
    server.use(...org.handlers);
    const c = client();
    const users = await collect(c.listObjects({ types: ['user'] }));

    expect(users).toHaveLength(1234);
    expect(new Set(users.map((u) => u.id)).size).toBe(1234);
    const urls = org.get('/api/v1/users').map((r) => r.url);
    expect(urls[0]).toBe(`${ORG}/api/v1/users?limit=200`);
    // 1200 active users: six pages, each next link exactly as sent (opaque parameter included).
    expect(urls.slice(1, 6)).toEqual(
      [1, 2, 3, 4, 5].map((p) => `${ORG}/api/v1/users?after=cur${p * 200 - 1}&limit=200&opaque=%2Fx`),
    );
    // DEPROVISIONED users are only listed with a filter: a second pass.
    expect(urls[6]).toBe(`${ORG}/api/v1/users?filter=status+eq+%22DEPROVISIONED%22&limit=200`);
    expect(urls).toHaveLength(7);
    expect(org.seen.every((r) => r.authorization === `SSWS ${TOKEN}`)).toBe(true);
    expect(c.stats()).toMatchObject({ requests: 7, byType: { user: { objects: 1234 } } });
  });

  it('keeps each object as returned, unknown fields included, minus _links', async () => {
    server.use(...fakeOktaOrg({ ssws: TOKEN }).handlers);
    const [origin] = await collect(client().listObjects({ types: ['trusted_origin'] }));
    const { _links, ...expected } = fixtures.TrustedOriginsResponse[0]!;
    expect(_links).toBeDefined();
    expect(origin).toEqual({ type: 'trusted_origin', id: 'tos10hu7rkbtrFt1M0g4', body: expected });
    // Okta's own example carries a field its schema does not have ("lastedUpdated"): kept as is.
    expect(origin!.body).toHaveProperty('lastedUpdated');
  });

  it('redacts write-only secrets and says where', async () => {
    const app = {
      ...fixtures.GetApplicationsByGroupResponseEx[0]!,
      credentials: { oauthClient: { client_id: '0oa1', client_secret: '***DhOW' } },
    };
    // server.use puts earlier handlers first: the override must come before the org's.
    server.use(
      http.get(`${ORG}/api/v1/apps`, () => HttpResponse.json([app])),
      ...fakeOktaOrg({ ssws: TOKEN }).handlers,
    );
    const [got] = await collect(client().listObjects({ types: ['app'] }));
    expect(got!.body).toMatchObject({ credentials: { oauthClient: { client_id: '0oa1', client_secret: REDACTED } } });
    expect(got!.redacted).toEqual(['credentials.oauthClient.client_secret']);
    expect(JSON.stringify(got)).not.toContain('DhOW');
  });

  it('keeps only the metadata of app client secrets and signing keys: no value, hash or key material', async () => {
    const app = {
      ...fixtures.GetApplicationsByGroupResponseEx[0]!,
      id: '0oaAPP',
      credentials: { oauthClient: { client_id: '0oaAPP', client_secret: 'app-secret-value-0123456789' } },
    };
    const secret = {
      id: 'ocs1',
      status: 'ACTIVE',
      client_secret: 'secret-value-ABCDEFGHIJ0123',
      secret_hash: 'hash-value-yk4SVx4sUWVJ',
      created: '2026-01-01T00:00:00.000Z',
      lastUpdated: '2026-01-02T00:00:00.000Z',
      _links: {},
    };
    // A private part (`d`) Okta never sends today: the whitelist keeps it out all the same.
    const key = {
      kid: 'kid1',
      kty: 'RSA',
      use: 'sig',
      created: '2026-01-01T00:00:00.000Z',
      lastUpdated: '2026-01-01T00:00:00.000Z',
      expiresAt: '2036-01-01T00:00:00.000Z',
      x5c: ['MIIDqDCCApCgAwIBAgIGAVGNQFX5-cert'],
      n: 'modulus-mkC6yAJVvFwUlmM9gKjb2d',
      e: 'AQAB',
      d: 'private-exponent-QWERTY',
      'x5t#S256': 'thumb-5GOpy9CQVtfvBmu2T8B',
    };
    server.use(
      http.get(`${ORG}/api/v1/apps`, () => HttpResponse.json([app])),
      http.get(`${ORG}/api/v1/apps/0oaAPP/credentials/secrets`, () => HttpResponse.json([secret])),
      http.get(`${ORG}/api/v1/apps/0oaAPP/credentials/keys`, () => HttpResponse.json([key])),
      ...fakeOktaOrg({ ssws: TOKEN }).handlers,
    );
    const objs = await collect(client().listObjects({ types: ['app.secret', 'app.key'] }));
    const byType = Object.fromEntries(objs.map((o) => [o.type, o]));
    expect(JSON.parse(JSON.stringify(byType['app.secret']!.body))).toEqual({
      id: 'ocs1',
      status: 'ACTIVE',
      created: '2026-01-01T00:00:00.000Z',
      lastUpdated: '2026-01-02T00:00:00.000Z',
    });
    expect(JSON.parse(JSON.stringify(byType['app.key']!.body))).toEqual({
      kid: 'kid1',
      kty: 'RSA',
      use: 'sig',
      created: key.created,
      lastUpdated: key.lastUpdated,
      expiresAt: key.expiresAt,
    });
    expect(byType['app.key']!.id).toBe('0oaAPP/kid1');
    const stored = JSON.stringify(objs);
    for (const v of [secret.client_secret, secret.secret_hash, key.x5c[0]!, key.n, key.d, key['x5t#S256']])
      expect(stored).not.toContain(v);
  });

  it('walks children under their parents and lists independent types together', async () => {
    const org = fakeOktaOrg({ ssws: TOKEN });
    server.use(...org.handlers);
    const objs = await collect(
      client().listObjects({ types: ['group.member', 'group.owner', 'admin_role', 'policy.OKTA_SIGN_ON.rule'] }),
    );
    const groups = fixtures['list-groups-examples'].map((g) => g.id);
    const members = objs.filter((o) => o.type === 'group.member');
    expect(members.map((m) => m.id).sort()).toEqual(groups.map((g) => `${g}/00u118oQYT4TBTemp0g4`).sort());
    // A membership is a relation: the user itself is the `user` type's job.
    expect(members[0]!.body).toEqual({ id: '00u118oQYT4TBTemp0g4' });
    expect(objs.filter((o) => o.type === 'group.owner')).toHaveLength(groups.length * 2);
    // Wrapped IAM lists page with _links.next in the body.
    expect(objs.filter((o) => o.type === 'admin_role').map((o) => o.id)).toEqual(
      fixtures.RolesResponse.roles.map((r) => r.id),
    );
    expect(org.get('/api/v1/iam/roles').map((r) => new URL(r.url).search)).toEqual(['', '?after=page2']);
    // Parents are walked but not yielded when not asked for.
    expect(objs.some((o) => o.type === 'group' || o.type === 'policy.OKTA_SIGN_ON')).toBe(false);
    const policyId = fixtures['list-okta-sign-on-policy-response'][0]!.id;
    expect(objs.find((o) => o.type === 'policy.OKTA_SIGN_ON.rule')!.id).toMatch(new RegExp(`^${policyId}/`));
  });

  it("does not list the children the caller knows unchanged, except Everyone's (BUILT_IN) members", async () => {
    const [okta, app] = fixtures['list-groups-examples'];
    const everyone = { ...app!, id: '00gEveryone', type: 'BUILT_IN', profile: { name: 'Everyone' } };
    const org = fakeOktaOrg({ ssws: TOKEN });
    server.use(
      http.get(`${ORG}/api/v1/groups`, () => HttpResponse.json([okta, app, everyone])),
      ...org.handlers,
    );
    const asked: string[] = [];
    const objs = await collect(
      client().listObjects({
        types: ['group', 'group.member'],
        skipChildren: (childType, parent) => {
          asked.push(`${childType} ${parent.id}`);
          return parent.id !== app!.id;
        },
      }),
    );
    // Never asked about Everyone: its members are always read.
    expect(asked.sort()).toEqual([`group.member ${app!.id}`, `group.member ${okta!.id}`].sort());
    const memberLists = org.seen.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('/users'));
    expect(memberLists.sort()).toEqual([`/api/v1/groups/${app!.id}/users`, '/api/v1/groups/00gEveryone/users'].sort());
    expect(
      objs
        .filter((o) => o.type === 'group.member')
        .map((o) => o.id.split('/')[0])
        .sort(),
    ).toEqual([app!.id, '00gEveryone'].sort());
  });

  it("lists a role's group targets only for the roles Okta documents them for, and app targets only for APP_ADMIN", async () => {
    const roles = ['REPORT_ADMIN', 'APP_ADMIN', 'USER_ADMIN', 'HELP_DESK_ADMIN', 'SUPER_ADMIN'].map((type, i) => ({
      id: `ra${i}`,
      type,
      label: type,
      status: 'ACTIVE',
      assignmentType: 'USER',
    }));
    const targetLists: string[] = [];
    server.use(
      http.get(`${ORG}/api/v1/iam/assignees/users`, () => HttpResponse.json({ value: [{ id: '00uA' }], _links: {} })),
      http.get(`${ORG}/api/v1/users/00uA/roles`, () => HttpResponse.json(roles)),
      http.get(`${ORG}/api/v1/users/00uA/roles/:ra/targets/groups`, ({ params }) => {
        targetLists.push(`${String(params.ra)} groups`);
        return HttpResponse.json([{ id: '00gT', profile: { name: 'Targeted' } }]);
      }),
      http.get(`${ORG}/api/v1/users/00uA/roles/:ra/targets/catalog/apps`, ({ params }) => {
        targetLists.push(`${String(params.ra)} apps`);
        return HttpResponse.json([{ name: 'salesforce' }]);
      }),
    );
    const objs = await collect(
      client().listObjects({
        types: ['admin_assignee.role', 'admin_assignee.role.target_group', 'admin_assignee.role.target_app'],
      }),
    );
    expect(targetLists.sort()).toEqual(['ra1 apps', 'ra2 groups', 'ra3 groups']);
    expect(objs.filter((o) => o.type === 'admin_assignee.role')).toHaveLength(5);
    expect(
      objs
        .filter((o) => o.type !== 'admin_assignee.role')
        .map((o) => `${o.type} ${o.id}`)
        .sort(),
    ).toEqual([
      'admin_assignee.role.target_app 00uA/ra1/salesforce',
      'admin_assignee.role.target_group 00uA/ra2/00gT',
      'admin_assignee.role.target_group 00uA/ra3/00gT',
    ]);
  });

  it('skips a type the org does not have (E0000015) and says so in stats', async () => {
    server.use(...fakeOktaOrg({ ssws: TOKEN }).handlers);
    const c = client();
    const objs = await collect(c.listObjects({ types: ['behavior', 'org'] }));
    expect(objs.map((o) => o.type)).toEqual(['org']);
    expect(c.stats().byType?.behavior?.skipped).toContain('E0000015');
  });

  it('never retries 400, 403 or 404, and names the scope on a 403', async () => {
    for (const status of [400, 403, 404]) {
      let calls = 0;
      server.use(
        http.get(`${ORG}/api/v1/zones`, () => {
          calls++;
          return HttpResponse.json({ errorCode: 'E0000001', errorSummary: 'nope', errorCauses: [] }, { status });
        }),
      );
      const err = await collect(client().listObjects({ types: ['network_zone'] })).catch((e) => e);
      expect(calls, `status ${status}`).toBe(1);
      if (status === 403) expect(err).toMatchObject({ name: 'OktaMissingScopeError', scope: 'okta.networkZones.read' });
      else expect(err).toBeInstanceOf(OktaApiError);
    }
    expect(OktaMissingScopeError).toBeDefined();
  });

  it('fails at once on a refused credential (401, 403 insufficient_scope): one request, no retries, marked as a credential rejection', async () => {
    const answers = [
      {
        status: 401,
        body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] },
        headers: {},
      },
      {
        status: 403,
        body: {
          errorCode: 'E0000006',
          errorSummary: 'You do not have permission to perform the requested action',
          errorCauses: [],
        },
        headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' },
      },
    ];
    for (const a of answers) {
      let calls = 0;
      server.use(
        http.get(`${ORG}/api/v1/zones`, () => {
          calls++;
          return HttpResponse.json(a.body, { status: a.status, headers: a.headers });
        }),
      );
      const c = client();
      const err = await collect(c.listObjects({ types: ['network_zone'] })).catch((e) => e);
      expect(calls, `status ${a.status}`).toBe(1);
      expect(c.stats(), `status ${a.status}`).toMatchObject({ requests: 1, retries: 0 });
      expect(err.name).toBe(a.status === 401 ? 'OktaAuthError' : 'OktaMissingScopeError');
      expect(isCredentialRejection(err), `status ${a.status}`).toBe(true);
    }
    // An answer that is not about the credential is not one.
    server.use(
      http.get(`${ORG}/api/v1/zones`, () =>
        HttpResponse.json({ errorCode: 'E0000001', errorSummary: 'bad' }, { status: 400 }),
      ),
    );
    expect(
      isCredentialRejection(await collect(client().listObjects({ types: ['network_zone'] })).catch((e) => e)),
    ).toBe(false);
  });

  it('retries 5xx and 429, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${ORG}/api/v1/zones`, () => {
        calls++;
        if (calls === 1)
          return HttpResponse.json({ errorCode: 'E0000009', errorSummary: 'Internal Server Error' }, { status: 500 });
        if (calls === 2) {
          const now = Math.floor(Date.now() / 1000);
          return HttpResponse.json(
            { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' },
            {
              status: 429,
              headers: {
                'x-rate-limit-limit': '100',
                'x-rate-limit-remaining': '0',
                'x-rate-limit-reset': String(now),
              },
            },
          );
        }
        return HttpResponse.json([{ id: 'nzo1', type: 'IP', name: 'office' }]);
      }),
    );
    const c = client();
    expect(await collect(c.listObjects({ types: ['network_zone'] }))).toHaveLength(1);
    expect(c.stats()).toMatchObject({ requests: 3, rateLimited: 1, retries: 1 });
  });

  it('refuses a next link that leaves the org', async () => {
    server.use(
      http.get(`${ORG}/api/v1/trustedOrigins`, () =>
        HttpResponse.json([], { headers: { link: '<https://evil.test/api/v1/trustedOrigins?after=x>; rel="next"' } }),
      ),
    );
    await expect(collect(client().listObjects({ types: ['trusted_origin'] }))).rejects.toThrow('off the org');
  });

  it('refuses an org on a private address unless allowed (names that resolve inside: transport.integration.test.ts)', async () => {
    const c = createOktaClient({
      provider: 'okta',
      orgUrl: 'http://[::ffff:a9fe:a9fe]',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    await expect(c.readObject({ type: 'org', id: 'default' })).rejects.toBeInstanceOf(OutboundRefusedError);
    const loopback = createOktaClient({
      provider: 'okta',
      orgUrl: 'http://127.0.0.1:4000',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    expect(await loopback.testAccess()).toMatchObject({
      ok: false,
      connected: false,
      detail: expect.stringContaining('private, loopback or link-local'),
    });
  });

  it('reads one object by id, and undefined when it is gone', async () => {
    server.use(
      http.get(`${ORG}/api/v1/policies/:id/rules/:ruleId`, ({ params }) =>
        params.ruleId === 'gone'
          ? HttpResponse.json({ errorCode: 'E0000007' }, { status: 404 })
          : HttpResponse.json({ id: params.ruleId, _links: {} }),
      ),
      ...fakeOktaOrg({ ssws: TOKEN }).handlers,
    );
    expect(await client().readObject({ type: 'org', id: 'default' })).toMatchObject({
      body: { companyName: fixtures.OrgSettingResponse.companyName },
    });
    expect(await client().readObject({ type: 'policy.PASSWORD.rule', id: '00p1/0pr2' })).toEqual({
      type: 'policy.PASSWORD.rule',
      id: '00p1/0pr2',
      body: { id: '0pr2' },
    });
    expect(await client().readObject({ type: 'policy.PASSWORD.rule', id: '00p1/gone' })).toBeUndefined();
  });

  it('stops requesting when the consumer stops reading', async () => {
    const org = fakeOktaOrg({ ssws: TOKEN, users: 5000 });
    server.use(...org.handlers);
    for await (const _ of client().listObjects({ types: ['user'] })) break;
    await new Promise((r) => setTimeout(r, 50));
    // Backpressure: a page or two were read ahead, never the whole org.
    expect(org.get('/api/v1/users').length).toBeLessThanOrEqual(3);
  });

  it('fails on a request no handler serves, loudly', async () => {
    vi.mocked(console.error).mockImplementation(() => {});
    await expect(collect(client({ maxRetries: 0 }).listObjects({ types: ['network_zone'] }))).rejects.toBeInstanceOf(
      OktaUnavailableError,
    );
    // msw reports it on console.error, which fails any other test (test/setup.ts); expected here.
    expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain('without a matching request handler');
    vi.mocked(console.error).mockClear();
  });
});
