import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../../auth/scopes.ts';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let now = Date.parse('2026-01-05T10:00:00Z');
let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim({ clock: () => now });
  token = await h.saToken({ scopes: [SCOPE.policiesRead, SCOPE.inboundSsoRead] });
});
afterAll(() => h.close());

const list = async (query: string, t = token) => {
  const res = await h.api(`/v1/policies?${query}`, t);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

/** Every policy, waiting a second of the simulator's clock between pages (as a client must). */
async function all(query: string) {
  const out: any[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    now += 1000;
    const { status, body } = await list(`${query}${pageToken ? `&pageToken=${pageToken}` : ''}`);
    expect(status).toBe(200);
    out.push(...(body.policies ?? []));
    pageToken = body.nextPageToken;
    pages++;
  } while (pageToken);
  return { policies: out, pages };
}

describe('Cloud Identity policies.list', () => {
  it('returns every policy in Google’s shape, with ADMIN and SYSTEM types, OU and group queries', async () => {
    const { policies } = await all('pageSize=10');
    expect(policies.length).toBeGreaterThanOrEqual(30);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    const p = policies.find((x) => x.setting.type === 'settings/security.password');
    expect(p).toMatchObject({
      name: expect.stringMatching(/^policies\//),
      customer: `customers/${h.demo.customerId}`,
      policyQuery: { orgUnit: expect.stringMatching(/^orgUnits\//), sortOrder: 1 },
      setting: { value: { minimumLength: 8, allowedStrength: 'STRONG' } },
      type: 'ADMIN',
    });
    expect(policies.some((x) => x.type === 'SYSTEM')).toBe(true);
    expect(policies.some((x) => x.policyQuery.group?.startsWith('groups/'))).toBe(true);
  });

  it('filters with the CEL subset and refuses other filters or another customer', async () => {
    const { policies } = await all(
      `filter=${encodeURIComponent(`customer == "customers/my_customer" && setting.type.matches('^settings/security\\\\..*$')`)}`,
    );
    expect(policies.length).toBeGreaterThan(5);
    expect(policies.every((p) => p.setting.type.startsWith('settings/security.'))).toBe(true);
    now += 1000;
    const one = await list(`filter=${encodeURIComponent(`setting.type == "settings/gmail.mail_delegation"`)}`);
    expect(one.body.policies).toHaveLength(2);
    now += 1000;
    const bad = await list(`filter=${encodeURIComponent('setting.type != "x"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.status).toBe('INVALID_ARGUMENT');
    now += 1000;
    const other = await list(`filter=${encodeURIComponent(`customer == "customers/${h.demo.other.customerId}"`)}`);
    expect(other.status).toBe(403);
  });

  it('coerces pageSize above 100 to 100', async () => {
    now += 1000;
    const { body } = await list('pageSize=500');
    expect(body.policies.length).toBeLessThanOrEqual(100);
    expect(body.nextPageToken).toBeUndefined();
    now += 1000;
    const small = await list('pageSize=5');
    expect(small.body.policies).toHaveLength(5);
  });

  it('answers 429 RESOURCE_EXHAUSTED when pages come faster than once a second', async () => {
    now += 1000;
    const first = await list('pageSize=5');
    const fast = await list(`pageSize=5&pageToken=${first.body.nextPageToken}`);
    expect(fast.status).toBe(429);
    expect(fast.body).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    now += 1000;
    expect((await list(`pageSize=5&pageToken=${first.body.nextPageToken}`)).status).toBe(200);
  });

  it('serves blank pages with a nextPageToken when switched on, without losing a policy', async () => {
    const plain = await all('pageSize=10');
    await h.control('PATCH', '/settings', { emptyPolicyPages: true });
    const withBlanks = await all('pageSize=10');
    expect(withBlanks.policies.map((p) => p.name)).toEqual(plain.policies.map((p) => p.name));
    expect(withBlanks.pages).toBe(plain.pages * 2 - 1);
    await h.control('PATCH', '/settings', { emptyPolicyPages: false });
  });

  it('is for super admins only, and an injected fault answers in the rpc shape', async () => {
    const helpdesk = await h.saToken({ sub: h.demo.helpdesk, scopes: [SCOPE.policiesRead] });
    now += 1000;
    const denied = await list('', helpdesk);
    expect(denied).toEqual({
      status: 403,
      body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
    });
    await h.control('POST', '/faults', { api: 'policy', reason: 'RESOURCE_EXHAUSTED' });
    now += 1000;
    expect((await list('')).status).toBe(429);
    now += 1000;
    expect((await list('')).status).toBe(200);
  });

  it('lists inbound SAML profiles and SSO assignments by canonical customer id only', async () => {
    const filter = encodeURIComponent(`customer=="customers/${h.demo.customerId}"`);
    const profiles = await h.api(`/v1/inboundSamlSsoProfiles?filter=${filter}`, token);
    const pbody = (await profiles.json()) as any;
    expect(pbody.inboundSamlSsoProfiles).toEqual([
      expect.objectContaining({
        displayName: 'Legacy Okta IdP',
        idpConfig: expect.objectContaining({ entityId: expect.any(String) }),
      }),
    ]);
    const assignments = (await (await h.api(`/v1/inboundSsoAssignments?filter=${filter}`, token)).json()) as any;
    expect(assignments.inboundSsoAssignments.map((a: any) => a.ssoMode).sort()).toEqual([
      'SAML_SSO',
      'SAML_SSO',
      'SSO_OFF',
      'SSO_OFF',
    ]);
    expect(assignments.inboundSsoAssignments.some((a: any) => a.targetGroup)).toBe(true);
    const alias = await h.api(
      `/v1/inboundSsoAssignments?filter=${encodeURIComponent('customer=="customers/my_customer"')}`,
      token,
    );
    expect(alias.status).toBe(400);
    const one = await h.api(`/v1/${pbody.inboundSamlSsoProfiles[0].name}`, token);
    expect(((await one.json()) as any).name).toBe(pbody.inboundSamlSsoProfiles[0].name);
    expect(await (await h.api(`/v1/inboundOidcSsoProfiles?filter=${filter}`, token)).json()).toEqual({});
  });
});
