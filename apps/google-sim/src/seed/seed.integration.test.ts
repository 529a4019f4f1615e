import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../auth/scopes.ts';
import { startSim, type TSimHarness } from '../test/harness.ts';

let now = Date.parse('2026-01-05T10:00:00Z');
let h: TSimHarness;
let policies: any[];
beforeAll(async () => {
  h = await startSim({ clock: () => now });
  const token = await h.saToken({ scopes: [SCOPE.policiesRead] });
  policies = [];
  let pageToken: string | undefined;
  do {
    now += 1000;
    const body = (await (
      await h.api(`/v1/policies?pageSize=100${pageToken ? `&pageToken=${pageToken}` : ''}`, token)
    ).json()) as any;
    policies.push(...(body.policies ?? []));
    pageToken = body.nextPageToken;
  } while (pageToken);
});
afterAll(() => h.close());

/** The root OU's value of a setting (the README's failures are all set there). */
function atRoot(type: string) {
  // Only the root sets a password policy, so its org unit is the root's.
  const root = policies.find((p) => p.setting.type === 'settings/security.password').policyQuery.orgUnit;
  return policies.find((p) => p.setting.type === `settings/${type}` && p.policyQuery.orgUnit === root)?.setting.value;
}

describe('the demo customer', () => {
  it('is the same on every start (fixed ids)', async () => {
    const other = await startSim();
    const t1 = await h.saToken();
    const t2 = await other.saToken();
    const ids = async (x: TSimHarness, t: string) =>
      ((await (await x.api('/admin/directory/v1/users?customer=my_customer&maxResults=500', t)).json()) as any).users
        .map((u: any) => u.id)
        .sort();
    expect(await ids(other, t2)).toEqual(await ids(h, t1));
    await other.close();
  });

  it('fails the GWS.COMMONCONTROLS checks the README lists, from the root OU', () => {
    expect(atRoot('security.two_step_verification_enforcement_factor').allowedSignInFactorSet).toBe('ALL'); // 1.1, 1.3
    expect(atRoot('security.two_step_verification_grace_period').enrollmentGracePeriod).toBe('1209600s'); // 1.4
    expect(atRoot('security.session_controls').webSessionDuration).toBe('1209600s'); // 4.1
    expect(atRoot('security.password')).toMatchObject({ minimumLength: 8, enforceRequirementsAtLogin: false }); // 5.2, 5.3, 5.4
    expect(atRoot('provisioning.conflicting_accounts_management').option).not.toBe('REPLACE_CONFLICTING_ACCOUNT'); // 7.1
    expect(atRoot('security.super_admin_account_recovery').enableAccountRecovery).toBe(true); // 8.1
    expect(atRoot('api_controls.unconfigured_third_party_apps').accessLevel).toBe('ALLOW_ALL_SCOPES'); // 10.4
    expect(atRoot('api_controls.internal_apps').trustInternalApps).toBe(true); // 10.3
    expect(atRoot('workspace_marketplace.apps_access_options').accessLevel).toBe('ALLOW_ALL'); // 11.1
    expect(atRoot('drive_and_docs.user_takeout').takeoutStatus).toBe('ENABLED'); // 12.1
    expect(
      policies
        .filter((p) => p.setting.type === 'settings/rule.system_defined_alerts')
        .map((p) => p.setting.value.state),
    ).toContain('INACTIVE'); // 13.1
    expect(atRoot('data_regions.data_at_rest_region').region).toBe('ANY_REGION'); // 15.1
  });

  it('has 9 super admins (6.2) and one of them in an org unit with SAML SSO (6.1)', async () => {
    const token = await h.saToken();
    const users = (
      (await (await h.api('/admin/directory/v1/users?customer=my_customer&maxResults=500', token)).json()) as any
    ).users;
    const supers = users.filter((u: any) => u.isAdmin);
    expect(supers).toHaveLength(9);
    const it = supers.find((u: any) => u.primaryEmail === 'it.ops@butterfly-demo.test');
    expect(it.orgUnitPath).toBe('/IT');
    const ou = (await (await h.api('/admin/directory/v1/customer/my_customer/orgunits/IT', token)).json()) as any;
    now += 1000;
    const sso = (await (
      await h.api(
        `/v1/inboundSsoAssignments?filter=${encodeURIComponent(`customer=="customers/${h.demo.customerId}"`)}`,
        token,
      )
    ).json()) as any;
    const forIt = sso.inboundSsoAssignments.find(
      (a: any) => a.targetOrgUnit === `orgUnits/${ou.orgUnitId.replace(/^id:/, '')}`,
    );
    expect(forIt.ssoMode).toBe('SAML_SSO');
  });
});
