import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim({ pageSize: 7 });
  token = await h.appToken();
});
afterAll(() => h.close());

type TPage = {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Record<string, unknown>[];
};
const page = async (path: string, headers: Record<string, string> = {}) =>
  (await (await h.graph(path, token, { headers })).json()) as TPage;

describe('paging', () => {
  it('follows @odata.nextLink to the end: every user once, in pages of the configured size', async () => {
    const ids: string[] = [];
    let next: string | undefined = '/v1.0/users';
    let pages = 0;
    while (next) {
      const p = await page(next);
      expect(p.value.length).toBeLessThanOrEqual(7);
      ids.push(...p.value.map((u) => String(u.id)));
      next = p['@odata.nextLink'];
      pages++;
    }
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect(pages).toBe(Math.ceil(300 / 7));
  });

  it('skip tokens are opaque: a made-up one is refused', async () => {
    const first = await page('/v1.0/users');
    const link = new URL(first['@odata.nextLink']!);
    expect(link.searchParams.get('$skiptoken')).not.toMatch(/^\d+$/);
    link.searchParams.set('$skiptoken', '14');
    const res = await h.graph(link.toString(), token);
    expect(res.status).toBe(400);
  });

  it('$top sets the page size and $select keeps only the named properties', async () => {
    const p = await page('/v1.0/users?$top=3&$select=id,displayName');
    expect(p.value).toHaveLength(3);
    expect(Object.keys(p.value[0]!).sort()).toEqual(['displayName', 'id']);
    expect(p['@odata.context']).toBe(`${h.url}/v1.0/$metadata#users(id,displayName)`);
    expect(new URL(p['@odata.nextLink']!).searchParams.get('$select')).toBe('id,displayName');
    expect((await h.graph('/v1.0/users?$top=1000', token)).status).toBe(400);
  });
});

describe('$filter and $count', () => {
  it('eq joined by and, case-insensitive on strings', async () => {
    const p = await page("/v1.0/users?$filter=department eq 'Finance' and accountEnabled eq true&$top=999");
    expect(p.value.length).toBeGreaterThan(10);
    for (const u of p.value) expect(u).toMatchObject({ department: 'Finance', accountEnabled: true });
    const one = await page(`/v1.0/users?$filter=userPrincipalName eq 'ADMIN@${h.demo.customDomain.toUpperCase()}'`);
    expect(one.value.map((u) => u.displayName)).toEqual(['Avery Admin']);
    const unified = await page("/v1.0/groups?$filter=groupTypes/any(c:c eq 'Unified')");
    expect(unified.value.map((g) => g.displayName)).toContain('All Company');
    expect(unified.value.every((g) => (g.groupTypes as string[]).includes('Unified'))).toBe(true);
    const res = await h.graph("/v1.0/users?$filter=displayName ne 'A'", token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });

  it('$count needs ConsistencyLevel: eventual', async () => {
    const refused = await h.graph('/v1.0/groups?$count=true', token);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('Request_BadRequest');
    const counted = await page('/v1.0/groups?$count=true&$filter=securityEnabled eq true', {
      ConsistencyLevel: 'eventual',
    });
    expect(counted['@odata.count']).toBe(8);
    const text = await (
      await h.graph('/v1.0/users/$count', token, { headers: { ConsistencyLevel: 'eventual' } })
    ).text();
    expect(text).toBe('300');
  });
});

describe('singletons and the rest of the read paths', () => {
  it('policies are singletons on v1.0; beta returns the authorization policy as a collection', async () => {
    const v1 = (await (await h.graph('/v1.0/policies/authorizationPolicy', token)).json()) as Record<string, unknown>;
    expect(v1['@odata.context']).toBe(`${h.url}/v1.0/$metadata#policies/authorizationPolicy/$entity`);
    expect(v1.guestUserRoleId).toBe('a0b1b346-4d3e-4e8b-98f8-753987be4970');
    const beta = await page('/beta/policies/authorizationPolicy');
    expect(beta.value).toHaveLength(1);
    const methods = (await (await h.graph('/v1.0/policies/authenticationMethodsPolicy', token)).json()) as {
      authenticationMethodConfigurations: { id: string; state: string }[];
    };
    expect(methods.authenticationMethodConfigurations.find((m) => m.id === 'Sms')?.state).toBe('enabled');
  });

  it('every read path of the spec answers 200 (settings only on beta)', async () => {
    const paths = [
      'identity/conditionalAccess/policies',
      'identity/conditionalAccess/namedLocations',
      'identity/conditionalAccess/authenticationContextClassReferences',
      'policies/authenticationMethodsPolicy',
      'policies/authenticationStrengthPolicies',
      'policies/crossTenantAccessPolicy',
      'policies/crossTenantAccessPolicy/default',
      'policies/crossTenantAccessPolicy/partners',
      'policies/identitySecurityDefaultsEnforcementPolicy',
      'policies/adminConsentRequestPolicy',
      'policies/permissionGrantPolicies',
      'policies/defaultAppManagementPolicy',
      'policies/appManagementPolicies',
      'policies/tokenLifetimePolicies',
      'policies/tokenIssuancePolicies',
      'policies/claimsMappingPolicies',
      'policies/homeRealmDiscoveryPolicies',
      'policies/activityBasedTimeoutPolicies',
      'applications',
      'servicePrincipals',
      'oauth2PermissionGrants',
      'roleManagement/directory/roleDefinitions',
      'roleManagement/directory/roleAssignments',
      'roleManagement/directory/roleAssignmentScheduleInstances',
      'roleManagement/directory/roleEligibilityScheduleInstances',
      'roleManagement/directory/roleAssignmentSchedules',
      'roleManagement/directory/roleEligibilitySchedules',
      'policies/roleManagementPolicies',
      'policies/roleManagementPolicyAssignments',
      'groups',
      'directory/administrativeUnits',
      'domains',
      'organization',
      'subscribedSkus',
      'directoryRoles',
      'auditLogs/directoryAudits',
    ];
    for (const p of paths) expect([p, (await h.graph(`/v1.0/${p}`, token)).status]).toEqual([p, 200]);
    expect((await h.graph('/v1.0/settings', token)).status).toBe(400);
    expect((await h.graph('/beta/settings', token)).status).toBe(200);
    const policy = (await page('/v1.0/policies/roleManagementPolicies')).value[0]!;
    const rules = await page(`/v1.0/policies/roleManagementPolicies/${policy.id}/rules`);
    expect(rules.value.map((r) => r.id)).toContain('Approval_EndUser_Assignment');
    const app = (await page('/v1.0/applications?$top=5')).value.find((a) => a.displayName === 'CI Runner')!;
    expect((await page(`/v1.0/applications/${app.id}/federatedIdentityCredentials`)).value).toHaveLength(1);
    const skus = await page('/v1.0/subscribedSkus');
    expect(skus.value.map((s) => s.skuPartNumber)).toContain('AAD_PREMIUM_P2');
  });

  it('an unknown id is Request_ResourceNotFound with innerError', async () => {
    const res = await h.graph('/v1.0/users/00000000-0000-4000-8000-000000000000', token, {
      headers: { 'client-request-id': 'mine-1' },
    });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(error.code).toBe('Request_ResourceNotFound');
    expect(error.innerError['client-request-id']).toBe('mine-1');
    expect(error.innerError['request-id']).toBe(res.headers.get('request-id'));
    expect(error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
