import { describe, expect, it } from 'vitest';
import { runScan } from '../engine.ts';
import { createMemorySnapshot } from '../memory-snapshot.ts';
import { GOOGLE_RULESET_VERSION, hasRuleset, rulesetFor } from '../rulesets.ts';
import {
  compliantCustomer,
  IT_OPS,
  OU,
  policy,
  runGwsRule,
  withPolicy,
  withRootValue,
} from '../testing/google-fixtures.ts';
import { SCUBA_GWS_RULES } from './scuba-gws.ts';

const failedNames = (r: Awaited<ReturnType<typeof runGwsRule>>) =>
  [...new Set(r.evidence.filter((e) => e.failed).map((e) => e.name ?? e.id))].sort();
const DAY = 86_400;

/** Per setting rule: a root value that breaks it, and what the reason must say. */
const BREAKS: [id: string, type: string, value: Record<string, unknown>, reason: string][] = [
  [
    '1.1v1',
    'security.two_step_verification_enforcement_factor',
    { allowedSignInFactorSet: 'NO_TELEPHONY' },
    'allowedSignInFactorSet is NO_TELEPHONY (required PASSKEY_ONLY)',
  ],
  [
    '1.2v1',
    'security.two_step_verification_enforcement',
    { enforcedFrom: null },
    'enforcedFrom is not set (2SV not enforced)',
  ],
  [
    '1.3v1',
    'security.two_step_verification_enforcement_factor',
    { allowedSignInFactorSet: 'ALL' },
    'allowedSignInFactorSet is ALL (SMS and voice allowed)',
  ],
  [
    '1.4v1',
    'security.two_step_verification_grace_period',
    { enrollmentGracePeriod: `${14 * DAY}s` },
    'enrollmentGracePeriod is 14 days (required 1 s–7 days)',
  ],
  [
    '1.5v1',
    'security.two_step_verification_device_trust',
    { allowTrustingDevice: true },
    'allowTrustingDevice is true (required false)',
  ],
  [
    '4.1v1',
    'security.session_controls',
    { webSessionDuration: `${14 * DAY}s` },
    'webSessionDuration is 14 days (required ≤ 12 h)',
  ],
  ['5.1v1', 'security.password', { allowedStrength: 'WEAK' }, 'allowedStrength is WEAK (required STRONG)'],
  ['5.2v1', 'security.password', { minimumLength: 8 }, 'minimumLength is 8 (required ≥ 12)'],
  ['5.3v1', 'security.password', { minimumLength: 12 }, 'minimumLength is 12 (required ≥ 16)'],
  [
    '5.4v1',
    'security.password',
    { enforceRequirementsAtLogin: false },
    'enforceRequirementsAtLogin is false (required true)',
  ],
  ['5.5v1', 'security.password', { allowReuse: true }, 'allowReuse is true (required false)'],
  [
    '5.6v1',
    'security.password',
    { expirationDuration: `${90 * DAY}s` },
    'expirationDuration is 7776000s (required 0s, never)',
  ],
  [
    '7.1v1',
    'provisioning.conflicting_accounts_management',
    { option: 'INVITE_CONFLICTING_ACCOUNT' },
    'option is INVITE_CONFLICTING_ACCOUNT',
  ],
  [
    '8.1v1',
    'security.super_admin_account_recovery',
    { enableAccountRecovery: true },
    'enableAccountRecovery is true (required false)',
  ],
  [
    '10.1v1',
    'api_controls.google_services',
    { services: [{ serviceId: 'drive', scopesGroup: 'UNRESTRICTED' }] },
    'drive is UNRESTRICTED (required RESTRICTED)',
  ],
  ['10.3v1', 'api_controls.internal_apps', { trustInternalApps: true }, 'trustInternalApps is true (required false)'],
  [
    '10.4v1',
    'api_controls.unconfigured_third_party_apps',
    { accessLevel: 'ALLOW_ALL_SCOPES' },
    'accessLevel is ALLOW_ALL_SCOPES (required BLOCK_ALL_SCOPES)',
  ],
  [
    '11.1v1',
    'workspace_marketplace.apps_access_options',
    { accessLevel: 'ALLOW_ALL' },
    'accessLevel is ALLOW_ALL (required ALLOW_LISTED_APPS or ALLOW_NONE)',
  ],
  ['12.1v1', 'drive_and_docs.user_takeout', { takeoutStatus: 'ENABLED' }, 'drive_and_docs ENABLED (required DISABLED)'],
  ['15.1v1', 'data_regions.data_at_rest_region', { region: 'ANY_REGION' }, 'region is ANY_REGION (required US)'],
];

describe('SCuBA GWS rule set', () => {
  it('has the 25 GWS.COMMONCONTROLS checks of spec §D and GMAIL.1.1, each documented', () => {
    const ids = SCUBA_GWS_RULES.map((r) => r.id);
    expect(ids.filter((id) => id.startsWith('GWS.COMMONCONTROLS.'))).toHaveLength(25);
    expect(ids).toContain('GWS.GMAIL.1.1v1');
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SCUBA_GWS_RULES) {
      expect(r.requirement, r.id).toMatch(/SHALL|SHOULD/);
      expect(r.remediation, r.id).toMatch(/^Google Admin console › /);
      expect(r.severity, r.id).toBe(/SHOULD/.test(r.requirement!) ? 'CAT III' : 'CAT II');
    }
  });

  it('is the rule set of Google connections, and Google backups are scanned', () => {
    expect(hasRuleset('google')).toBe(true);
    expect(rulesetFor('google')).toEqual({ rules: SCUBA_GWS_RULES, version: GOOGLE_RULESET_VERSION });
  });

  it('a compliant customer passes every rule', async () => {
    const snap = createMemorySnapshot(compliantCustomer(), { takenAt: new Date('2026-12-07T12:00:00Z') });
    const results = await runScan(SCUBA_GWS_RULES, snap);
    expect(results.filter((r) => r.result !== 'PASS').map((r) => `${r.ruleId}: ${r.reason}`)).toEqual([]);
    expect(results.find((r) => r.ruleId === 'GWS.COMMONCONTROLS.5.2v1')!.reason).toBe('Compliant in all 4 org units.');
  });

  for (const [id, type, value, reason] of BREAKS)
    it(`GWS.COMMONCONTROLS.${id} fails in every org unit a root value reaches, naming the value and where it is set`, async () => {
      const r = await runGwsRule(`GWS.COMMONCONTROLS.${id}`, withRootValue(compliantCustomer(), type, value));
      expect(r.result).toBe('FAIL');
      expect(r.reason).toContain(reason);
      expect(r.reason).toContain('(set on /)');
      expect(failedNames(r)).toEqual(['/', '/Engineering', '/Engineering/Backend', '/Sales']);
    });

  it('GMAIL.1.1 fails where mail delegation is on, and an org unit’s own policy overrides the root', async () => {
    const c = withPolicy(
      withRootValue(compliantCustomer(), 'gmail.mail_delegation', { enableMailDelegation: true }),
      policy('gmail.mail_delegation', { enableMailDelegation: false }, { orgUnit: OU.eng }),
    );
    const r = await runGwsRule('GWS.GMAIL.1.1v1', c);
    expect(r.result).toBe('FAIL');
    // /Engineering/Backend inherits /Engineering's compliant value.
    expect(failedNames(r)).toEqual(['/', '/Sales']);
    expect(r.reason).toBe(
      'Fails in 2 org units (4 judged): enableMailDelegation is true (required false) in /, /Sales (set on /).',
    );
  });

  it('a failure set on one org unit is named there only, with the org units inheriting it', async () => {
    const c = withPolicy(
      compliantCustomer(),
      policy('security.two_step_verification_enforcement', { enforcedFrom: null }, { orgUnit: OU.eng }),
    );
    const r = await runGwsRule('GWS.COMMONCONTROLS.1.2v1', c);
    expect(r.reason).toBe(
      'Fails in 2 org units (4 judged): enforcedFrom is not set (2SV not enforced) in /Engineering, /Engineering/Backend (set on /Engineering).',
    );
    expect(r.evidence.find((e) => e.name === '/Engineering' && e.failed)).toMatchObject({
      type: 'orgUnit',
      id: OU.eng,
      path: 'security.two_step_verification_enforcement.enforcedFrom',
      value: null,
    });
  });

  it('2SV enforced from a date after the snapshot is not enforced yet', async () => {
    const c = withRootValue(compliantCustomer(), 'security.two_step_verification_enforcement', {
      enforcedFrom: '2027-01-01T00:00:00Z',
    });
    const r = await runGwsRule('GWS.COMMONCONTROLS.1.2v1', c);
    expect(r.reason).toContain('after the snapshot');
  });

  it('the highest sortOrder decides between two policies of one org unit', async () => {
    const base = compliantCustomer();
    const low = withPolicy(
      base,
      policy('security.password', { minimumLength: 8 }, { orgUnit: OU.sales, sortOrder: 1 }),
    );
    const both = withPolicy(
      low,
      policy('security.password', { minimumLength: 14 }, { orgUnit: OU.sales, sortOrder: 3 }),
    );
    expect((await runGwsRule('GWS.COMMONCONTROLS.5.2v1', low)).result).toBe('FAIL');
    expect((await runGwsRule('GWS.COMMONCONTROLS.5.2v1', both)).result).toBe('PASS');
  });

  it('a group with its own policy is judged too, by its email', async () => {
    const c = withPolicy(
      compliantCustomer(),
      policy(
        'security.two_step_verification_device_trust',
        { allowTrustingDevice: true },
        { group: IT_OPS, sortOrder: 2 },
      ),
    );
    const r = await runGwsRule('GWS.COMMONCONTROLS.1.5v1', c);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toBe(
      'Fails in 1 group (5 judged): allowTrustingDevice is true (required false) in it-ops@corp.example (set on it-ops@corp.example).',
    );
    expect(r.evidence.filter((e) => e.failed).map((e) => [e.type, e.id])).toEqual([['group', IT_OPS]]);
    // Groups without a policy of this setting follow their members' org units and are not judged.
    expect((await runGwsRule('GWS.COMMONCONTROLS.5.2v1', c)).reason).toBe('Compliant in all 4 org units.');
  });

  it('a setting no policy sets fails as not set', async () => {
    const c = compliantCustomer();
    c.policy = c.policy!.filter((p) => !JSON.stringify(p.body).includes('data_regions'));
    const r = await runGwsRule('GWS.COMMONCONTROLS.15.1v1', c);
    expect(r.reason).toContain(
      'region is not set (required US) in /, /Engineering, /Engineering/Backend, /Sales (no policy sets it)',
    );
  });

  it('8.2 and 10.5 read Google’s SYSTEM defaults when no admin policy overrides them', async () => {
    expect((await runGwsRule('GWS.COMMONCONTROLS.8.2v1', compliantCustomer())).result).toBe('PASS');
    const c = withPolicy(compliantCustomer(), policy('security.less_secure_apps', { allowLessSecureApps: true }));
    expect((await runGwsRule('GWS.COMMONCONTROLS.10.5v1', c)).reason).toContain('allowLessSecureApps is true');
    const u = withPolicy(
      compliantCustomer(),
      policy('security.user_account_recovery', { enableAccountRecovery: true }),
    );
    expect((await runGwsRule('GWS.COMMONCONTROLS.8.2v1', u)).result).toBe('FAIL');
  });

  it('11.1 passes with no Marketplace apps, and fails allow-listing that lets every internal app in', async () => {
    const none = withRootValue(compliantCustomer(), 'workspace_marketplace.apps_access_options', {
      accessLevel: 'ALLOW_NONE',
    });
    expect((await runGwsRule('GWS.COMMONCONTROLS.11.1v1', none)).result).toBe('PASS');
    const internal = withRootValue(compliantCustomer(), 'workspace_marketplace.apps_access_options', {
      allowAllInternalApps: true,
    });
    expect((await runGwsRule('GWS.COMMONCONTROLS.11.1v1', internal)).reason).toContain('allowAllInternalApps is true');
  });

  it('13.1 names the system-defined alerts that are off (customer-wide: the root org unit)', async () => {
    const c = withPolicy(
      compliantCustomer(),
      policy(
        'rule.system_defined_alerts',
        { displayName: 'Suspicious programmatic login', state: 'INACTIVE' },
        { sortOrder: 3 },
        'SYSTEM',
      ),
    );
    const r = await runGwsRule('GWS.COMMONCONTROLS.13.1v1', c);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toBe('"Suspicious programmatic login" is INACTIVE (required ACTIVE) in / (set on /).');
    expect(failedNames(r)).toEqual(['/']);
  });

  it('6.1 fails a super admin whose org unit (or group) signs in through SAML SSO, naming the org unit only', async () => {
    const c = compliantCustomer();
    c.inboundSsoAssignment = [
      ...c.inboundSsoAssignment!,
      { id: 'sso-eng', body: { targetOrgUnit: `orgUnits/${OU.eng}`, ssoMode: 'SAML_SSO' } },
    ];
    const r = await runGwsRule('GWS.COMMONCONTROLS.6.1v1', c);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toBe(
      '1 super admin of 3 signs in through SSO: 1 in /Engineering (SAML_SSO, assigned on /Engineering).',
    );
    expect(r.evidence.filter((e) => e.failed).map((e) => e.id)).toEqual(['u-admin2']);
    expect(JSON.stringify(r)).not.toContain('@corp.example');
    // A group assignment wins over the org unit's.
    c.inboundSsoAssignment.push({
      id: 'sso-g',
      body: { targetGroup: `groups/${IT_OPS}`, rank: 1, ssoMode: 'SSO_OFF' },
    });
    expect((await runGwsRule('GWS.COMMONCONTROLS.6.1v1', c)).result).toBe('PASS');
    expect((await runGwsRule('GWS.COMMONCONTROLS.6.1v1', compliantCustomer())).reason).toBe(
      'All 3 super admins sign in with their Google password.',
    );
  });

  it('6.2 counts active super admins: 2–8 pass, 1 or 9 fail', async () => {
    const c = compliantCustomer();
    expect((await runGwsRule('GWS.COMMONCONTROLS.6.2v1', c)).reason).toBe('3 super admins (required 2–8).');
    const admin = (i: number) => ({ id: `u-x${i}`, body: { id: `u-x${i}`, isAdmin: true, orgUnitPath: '/' } });
    const nine = { ...c, user: [...c.user!, ...[1, 2, 3, 4, 5, 6].map(admin)] };
    expect(await runGwsRule('GWS.COMMONCONTROLS.6.2v1', nine)).toMatchObject({
      result: 'FAIL',
      reason: '9 super admins (required 2–8).',
    });
    const one = { ...c, user: c.user!.filter((u) => u.id === 'u-admin1' || !(u.body as { isAdmin: boolean }).isAdmin) };
    expect((await runGwsRule('GWS.COMMONCONTROLS.6.2v1', one)).result).toBe('FAIL');
  });

  it('is MANUAL, naming the scope, when the snapshot lacks the policies', async () => {
    const c = compliantCustomer();
    delete c.policy;
    const r = await runGwsRule('GWS.COMMONCONTROLS.5.2v1', c, [
      'https://www.googleapis.com/auth/cloud-identity.policies.readonly',
    ]);
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toBe(
      'The snapshot does not hold policy (scope https://www.googleapis.com/auth/cloud-identity.policies.readonly, which the connection lacks).',
    );
  });
});
