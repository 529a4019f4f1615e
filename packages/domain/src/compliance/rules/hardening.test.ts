import { describe, expect, it } from 'vitest';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { runRule } from '../testing/run-rule.ts';

const superAdmin = (n: number) => ({
  id: `00u1s${n}/ra${n}`,
  body: { id: `ra${n}`, type: 'SUPER_ADMIN', status: 'ACTIVE', assignmentType: 'USER' },
});

describe("Okta's hardening advice", () => {
  it('super administrators: at most 15, at most half of admins', async () => {
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-COUNT', compliantOrg())).result).toBe('PASS');
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-SHARE', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    org['admin_assignee.role']!.push(superAdmin(1));
    // Exactly half is allowed; one more is not.
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-SHARE', org)).result).toBe('PASS');
    org['admin_assignee.role']!.push(superAdmin(2));
    const share = await runRule('OKTA-HARDEN-SUPER-ADMIN-SHARE', org);
    expect(share.result).toBe('FAIL');
    expect(share.reason).toContain('3 of 5');
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-COUNT', org)).result).toBe('PASS');
    for (let n = 3; n <= 15; n++) org['admin_assignee.role']!.push(superAdmin(n));
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-COUNT', org)).result).toBe('FAIL');
    org['admin_assignee.role'] = [];
    expect((await runRule('OKTA-HARDEN-SUPER-ADMIN-COUNT', org)).result).toBe('MANUAL');
  });

  it('admin session lifetime at most 2 hours', async () => {
    expect((await runRule('OKTA-HARDEN-ADMIN-SESSION-LIFETIME', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'org_setting.admin_console', 'default', 'sessionMaxLifetimeMinutes', 720);
    expect((await runRule('OKTA-HARDEN-ADMIN-SESSION-LIFETIME', org)).result).toBe('FAIL');
  });

  it('admin console MFA mirrors the STIG check; settings the API does not expose are MANUAL', async () => {
    const org = compliantOrg();
    expect((await runRule('OKTA-HARDEN-ADMIN-MFA', org)).result).toBe('PASS');
    setField(
      org,
      'policy.ACCESS_POLICY.rule',
      'rst1admin/rul1admin',
      'actions.appSignOn.verificationMethod.factorMode',
      '1FA',
    );
    expect((await runRule('OKTA-HARDEN-ADMIN-MFA', org)).result).toBe('FAIL');
    expect((await runRule('OKTA-HARDEN-ADMIN-ASN-BINDING', org)).result).toBe('MANUAL');
    expect((await runRule('OKTA-HARDEN-PROTECTED-ACTIONS', org)).result).toBe('MANUAL');
  });
});
