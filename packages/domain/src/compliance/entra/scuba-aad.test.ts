import { describe, expect, it } from 'vitest';
import { RULESET_VERSION } from '../engine.ts';
import { COMPLIANCE_RULES } from '../rules/index.ts';
import { ENTRA_RULESET_VERSION, hasRuleset, rulesetFor } from '../rulesets.ts';
import { BG, bodyOf, caPolicy, compliantTenant, runEntraRule, U2, U3 } from '../testing/entra-fixtures.ts';
import type { SnapshotObject } from '../types.ts';
import { SCUBA_AAD_RULES } from './scuba-aad.ts';
import { durationDays, PRIVILEGED_ROLES, ROLE } from './scuba.fns.ts';

type Tenant = Record<string, SnapshotObject[]>;
const MANUAL_IDS = ['MS.AAD.2.2v1', 'MS.AAD.4.1v1', 'MS.AAD.8.3v1'];
const P2_IDS = ['MS.AAD.2.1v1', 'MS.AAD.2.3v1', 'MS.AAD.7.4v1', 'MS.AAD.7.6v1', 'MS.AAD.7.7v1', 'MS.AAD.7.8v1'];
const failedNames = (r: Awaited<ReturnType<typeof runEntraRule>>) => [
  ...new Set(r.evidence.filter((e) => e.failed).map((e) => e.name ?? e.id)),
];

describe('SCuBA MS.AAD rule set', () => {
  it('has the 27 configuration rules of the spec and the 3 manual ones, each documented', () => {
    expect(SCUBA_AAD_RULES.map((r) => r.id).sort()).toEqual(
      [
        '1.1v1',
        '2.1v1',
        '2.2v1',
        '2.3v1',
        '3.1v1',
        '3.2v2',
        '3.3v2',
        '3.4v1',
        '3.5v2',
        '3.6v1',
        '3.7v1',
        '3.8v1',
        '3.9v1',
        '4.1v1',
        '5.1v1',
        '5.2v1',
        '5.3v1',
        '5.5v1',
        '5.6v1',
        '5.7v1',
        '6.1v1',
        '7.1v1',
        '7.3v1',
        '7.4v1',
        '7.6v1',
        '7.7v1',
        '7.8v1',
        '8.1v1',
        '8.2v1',
        '8.3v1',
      ]
        .map((x) => `MS.AAD.${x}`)
        .sort(),
    );
    for (const r of SCUBA_AAD_RULES) {
      expect(r.requirement, r.id).toMatch(/SHALL|SHOULD/);
      expect(r.remediation, r.id).toMatch(/admin center/);
      expect(r.check.length, r.id).toBeGreaterThan(10);
    }
  });

  it('passes every configuration rule on a compliant tenant, and leaves 2.2, 4.1, 8.3 manual', async () => {
    const tenant = compliantTenant();
    for (const r of SCUBA_AAD_RULES) {
      const res = await runEntraRule(r.id, tenant);
      expect(`${r.id} ${res.result}: ${res.reason}`).toMatch(
        new RegExp(`^${r.id.replace(/\./g, '\\.')} ${MANUAL_IDS.includes(r.id) ? 'MANUAL' : 'PASS'}`),
      );
    }
  });

  it.each(P2_IDS)('%s is not applicable without an Entra ID P2 service plan', async (id) => {
    const tenant = compliantTenant();
    tenant.subscribedSku = tenant.subscribedSku!.filter(
      (s) => (s.body as { skuPartNumber: string }).skuPartNumber !== 'AAD_PREMIUM_P2',
    );
    const r = await runEntraRule(id, tenant);
    expect(r.result).toBe('NOT_APPLICABLE');
    expect(r.reason).toContain('AAD_PREMIUM_P2');
    expect(r.reason).toContain('eec0eb4f-6444-4f95-aba0-50c24d67f998');
  });

  it('finds P2 inside a suite SKU by its service plan id, and not in a suspended one', async () => {
    const tenant = compliantTenant();
    tenant.subscribedSku = [
      {
        id: 'e5',
        body: {
          skuPartNumber: 'SPE_E5',
          capabilityStatus: 'Enabled',
          servicePlans: [{ servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998', servicePlanName: 'renamed' }],
        },
      },
    ];
    expect((await runEntraRule('MS.AAD.7.6v1', tenant)).result).toBe('PASS');
    (tenant.subscribedSku[0]!.body as { capabilityStatus: string }).capabilityStatus = 'Suspended';
    expect((await runEntraRule('MS.AAD.7.6v1', tenant)).result).toBe('NOT_APPLICABLE');
  });

  it('says which Graph permission a missing type needs', async () => {
    const tenant = compliantTenant();
    delete tenant.conditionalAccessPolicy;
    const r = await runEntraRule('MS.AAD.1.1v1', tenant);
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toBe('The snapshot does not hold conditionalAccessPolicy (scope Policy.Read.All).');
    const u = compliantTenant();
    delete u.user;
    expect((await runEntraRule('MS.AAD.7.3v1', u)).reason).toContain('user (scope User.Read.All)');
  });
});

/** A rule's failing case: what to break, what the reason says, which objects the evidence marks. */
const FAILS: [id: string, what: string, mutate: (t: Tenant) => void, reason: string | RegExp, failing?: string[]][] = [
  [
    'MS.AAD.1.1v1',
    'the block is disabled',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-legacy').state = 'disabled';
    },
    '"Block legacy authentication" state is disabled',
    ['Block legacy authentication'],
  ],
  [
    'MS.AAD.1.1v1',
    'only ActiveSync is blocked',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-legacy').conditions.clientAppTypes = ['exchangeActiveSync'];
    },
    'does not cover other',
  ],
  [
    'MS.AAD.1.1v1',
    'roles are excluded',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-legacy').conditions.users.excludeRoles = [ROLE.globalAdministrator];
    },
    'excludes roles',
  ],
  [
    'MS.AAD.2.1v1',
    'no user-risk policy',
    (t) => {
      t.conditionalAccessPolicy = t.conditionalAccessPolicy!.filter((p) => p.id !== 'ca-userrisk');
    },
    'No Conditional Access policy that blocks high-risk users (8 policies read).',
  ],
  [
    'MS.AAD.2.3v1',
    'report-only',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-signinrisk').state = 'enabledForReportingButNotEnforced';
    },
    'state is enabledForReportingButNotEnforced',
    ['Block high-risk sign-ins'],
  ],
  [
    'MS.AAD.3.1v1',
    'the strength allows SMS',
    (t) =>
      void bodyOf(
        t,
        'conditionalAccessPolicy',
        'ca-phish',
      ).grantControls.authenticationStrength.allowedCombinations.push('password,sms'),
    'its authentication strength allows other methods',
    // The admins' policy requires a strength too, but for roles only: not base, so named as well.
    ['Phishing-resistant MFA for all', 'Phishing-resistant MFA for admins'],
  ],
  [
    'MS.AAD.3.2v2',
    'no policy at all',
    (t) => {
      t.conditionalAccessPolicy = [];
    },
    'No Conditional Access policy that requires MFA (0 policies read).',
  ],
  [
    'MS.AAD.3.2v2',
    'MFA or a compliant device',
    (t) => {
      t.conditionalAccessPolicy = [
        caPolicy('x', 'MFA or device', { grant: { builtInControls: ['mfa', 'compliantDevice'] } }),
      ];
    },
    'MFA is one of several alternative grants',
    ['MFA or device'],
  ],
  [
    'MS.AAD.3.3v2',
    'location not shown',
    (t) => {
      bodyOf(
        t,
        'authenticationMethodConfiguration',
        'MicrosoftAuthenticator',
      ).featureSettings.displayLocationInformationRequiredState = { state: 'default' };
    },
    'does not show the location to all users',
    ['Microsoft Authenticator'],
  ],
  [
    'MS.AAD.3.4v1',
    'migration in progress',
    (t) => {
      bodyOf(t, 'authenticationMethodsPolicy', 'default').policyMigrationState = 'migrationInProgress';
    },
    'The migration is migrationInProgress',
    ['Authentication methods policy'],
  ],
  [
    'MS.AAD.3.5v2',
    'voice enabled',
    (t) => {
      bodyOf(t, 'authenticationMethodConfiguration', 'Voice').state = 'enabled';
    },
    'Enabled: Voice.',
    ['Voice'],
  ],
  [
    'MS.AAD.3.6v1',
    'a privileged role left out',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-admins').conditions.users.includeRoles = PRIVILEGED_ROLES.slice(1);
    },
    'leaves out 1 privileged role',
    ['Phishing-resistant MFA for admins'],
  ],
  [
    'MS.AAD.3.6v1',
    'plain MFA for admins',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-admins').grantControls = {
        operator: 'OR',
        builtInControls: ['mfa'],
        authenticationStrength: null,
      };
    },
    'does not require a phishing-resistant strength',
  ],
  [
    'MS.AAD.3.7v1',
    'compliant device only',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-device').grantControls.builtInControls = ['compliantDevice'];
    },
    'grants only compliantDevice',
    ['Managed devices', 'Register security info from managed devices'],
  ],
  [
    'MS.AAD.3.8v1',
    'MFA instead of a device',
    (t) => {
      bodyOf(t, 'conditionalAccessPolicy', 'ca-register').grantControls.builtInControls = ['mfa'];
    },
    'grants no managed-device control',
  ],
  [
    'MS.AAD.3.9v1',
    'no device-code block',
    (t) => {
      t.conditionalAccessPolicy = t.conditionalAccessPolicy!.filter((p) => p.id !== 'ca-devicecode');
    },
    'No Conditional Access policy that blocks the device code flow',
  ],
  [
    'MS.AAD.5.1v1',
    'users register apps',
    (t) => {
      bodyOf(t, 'authorizationPolicy', 'default').defaultUserRolePermissions.allowedToCreateApps = true;
    },
    'Every user can register applications.',
    ['Authorization policy'],
  ],
  [
    'MS.AAD.5.2v1',
    'low-risk self consent',
    (t) => {
      bodyOf(t, 'authorizationPolicy', 'default').defaultUserRolePermissions.permissionGrantPoliciesAssigned = [
        'ManagePermissionGrantsForSelf.microsoft-user-default-low',
      ];
    },
    'ManagePermissionGrantsForSelf.microsoft-user-default-low',
    ['Authorization policy'],
  ],
  [
    'MS.AAD.5.3v1',
    'requests off',
    (t) => {
      bodyOf(t, 'directorySetting', 'set-1').values = [{ name: 'EnableAdminConsentRequests', value: 'false' }];
    },
    'Admin consent requests are off',
    ['Consent Policy Settings', 'Admin consent request policy'],
  ],
  [
    'MS.AAD.5.3v1',
    'no consent setting',
    (t) => {
      t.directorySetting = [];
    },
    'No Consent Policy Settings directory setting',
  ],
  [
    'MS.AAD.5.5v1',
    'password addition allowed',
    (t) => {
      bodyOf(t, 'defaultAppManagementPolicy', 'default').applicationRestrictions.passwordCredentials[0].state =
        'disabled';
    },
    'The passwordAddition restriction is not enforced.',
    ['Default app management policy'],
  ],
  [
    'MS.AAD.5.5v1',
    'the policy is off',
    (t) => {
      bodyOf(t, 'defaultAppManagementPolicy', 'default').isEnabled = false;
    },
    '(the policy is disabled)',
  ],
  [
    'MS.AAD.5.6v1',
    'a year',
    (t) => {
      bodyOf(t, 'defaultAppManagementPolicy', 'default').applicationRestrictions.passwordCredentials[1].maxLifetime =
        'P365D';
    },
    'P365D, more than 180 days',
    ['Default app management policy'],
  ],
  [
    'MS.AAD.5.7v1',
    'two years',
    (t) => {
      bodyOf(t, 'defaultAppManagementPolicy', 'default').applicationRestrictions.keyCredentials[0].maxLifetime = 'P2Y';
    },
    'P2Y, more than 365 days',
  ],
  [
    'MS.AAD.6.1v1',
    '90-day expiry',
    (t) => {
      bodyOf(t, 'domain', 'corp.example').passwordValidityPeriodInDays = 90;
    },
    'Passwords expire on corp.example (90 days).',
    ['corp.example'],
  ],
  [
    'MS.AAD.7.1v1',
    'one Global Admin',
    (t) => {
      t.roleAssignment = t.roleAssignment!.slice(0, 1);
      t.roleAssignmentScheduleInstance = t.roleAssignmentScheduleInstance!.slice(0, 1);
    },
    '1 user holds Global Administrator; the baseline asks for 2 to 8.',
  ],
  [
    'MS.AAD.7.1v1',
    'nine through a group',
    (t) => {
      const members = Array.from({ length: 8 }, (_, i) => ({ '@odata.type': '#microsoft.graph.user', id: `m${i}` }));
      t['group.members'] = [{ id: 'g-admins', body: { members } }];
      t.roleAssignment!.push({
        id: 'ra-g',
        body: { id: 'ra-g', principalId: 'g-admins', roleDefinitionId: ROLE.globalAdministrator },
      });
    },
    '10 users hold Global Administrator',
  ],
  [
    'MS.AAD.7.3v1',
    'a synced admin',
    (t) => {
      bodyOf(t, 'user', U3).onPremisesImmutableId = 'aW1tLTM=';
    },
    '1 privileged user of 3 is synced from on-premises.',
    ['holder of User Administrator'],
  ],
  [
    'MS.AAD.7.4v1',
    'a permanent assignment',
    (t) => {
      bodyOf(t, 'roleAssignmentScheduleInstance', 'rasi-2').endDateTime = null;
    },
    'Permanent active assignments: Global Administrator.',
    ['Global Administrator'],
  ],
  [
    'MS.AAD.7.6v1',
    'no approval',
    (t) => {
      bodyOf(t, 'roleManagementPolicy', 'p-ga').rules[0].setting.isApprovalRequired = false;
    },
    'Global Administrator can be activated without approval.',
    ['Global Administrator role settings'],
  ],
  [
    'MS.AAD.7.6v1',
    'no role settings',
    (t) => {
      t.roleManagementPolicyAssignment = [];
    },
    'No PIM role settings for Global Administrator in the snapshot.',
  ],
  [
    'MS.AAD.7.7v1',
    'eligible assignment of User Admin silent',
    (t) => {
      bodyOf(t, 'roleManagementPolicy', 'p-ua').rules[2].notificationRecipients = [];
    },
    'User Administrator: Notification_Admin_Admin_Eligibility',
    ['User Administrator role settings'],
  ],
  [
    'MS.AAD.7.8v1',
    'activation silent',
    (t) => {
      bodyOf(t, 'roleManagementPolicy', 'p-ga').rules[3].notificationRecipients = [];
    },
    'Global Administrator: Notification_Admin_EndUser_Assignment',
    ['Global Administrator role settings'],
  ],
  [
    'MS.AAD.8.1v1',
    'guests are members',
    (t) => {
      bodyOf(t, 'authorizationPolicy', 'default').guestUserRoleId = 'a0b1b346-4d3e-4e8b-98f8-753987be4970';
    },
    'Guests have the same access as members.',
    ['Authorization policy'],
  ],
  [
    'MS.AAD.8.2v1',
    'everyone invites',
    (t) => {
      bodyOf(t, 'authorizationPolicy', 'default').allowInvitesFrom = 'everyone';
    },
    'Guests may be invited by everyone.',
    ['Authorization policy'],
  ],
];

describe.each(FAILS)('%s fails when %s', (id, _what, mutate, reason, failing) => {
  it('says why and names the failing objects', async () => {
    const tenant = compliantTenant();
    mutate(tenant);
    const r = await runEntraRule(id, tenant);
    expect(r.result, r.reason).toBe('FAIL');
    if (typeof reason === 'string') expect(r.reason).toContain(reason);
    else expect(r.reason).toMatch(reason);
    if (failing) expect(failedNames(r).sort()).toEqual([...failing].sort());
  });
});

describe('exclusions and passing variants', () => {
  it('a base policy may exclude only declared break-glass accounts', async () => {
    const r = await runEntraRule('MS.AAD.3.2v2', compliantTenant(), { breakGlass: null });
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('excludes 1 user(s) not declared break-glass');
    const declared = await runEntraRule('MS.AAD.3.2v2', compliantTenant(), { breakGlass: [BG] });
    expect(declared.result).toBe('PASS');
    expect(declared.reason).toBe('Conditional Access requires MFA: "MFA for all", "Phishing-resistant MFA for all".');
  });

  it('an excluded group makes a policy not base', async () => {
    const t = compliantTenant();
    bodyOf(t, 'conditionalAccessPolicy', 'ca-devicecode').conditions.users.excludeGroups = ['g1'];
    expect((await runEntraRule('MS.AAD.3.9v1', t)).reason).toContain('"Block device code flow" excludes 1 group(s)');
  });

  it('Authenticator turned off passes 3.3; a break-glass permanent Global Admin passes 7.4', async () => {
    const t = compliantTenant();
    bodyOf(t, 'authenticationMethodConfiguration', 'MicrosoftAuthenticator').state = 'disabled';
    expect((await runEntraRule('MS.AAD.3.3v2', t)).reason).toBe('Microsoft Authenticator is disabled.');
    const r = await runEntraRule('MS.AAD.7.4v1', compliantTenant());
    expect(r.result).toBe('PASS');
    expect((await runEntraRule('MS.AAD.7.4v1', compliantTenant(), { breakGlass: [] })).result).toBe('FAIL');
  });

  it('8.1 restricted and limited both pass; 8.2 none passes', async () => {
    const t = compliantTenant();
    expect((await runEntraRule('MS.AAD.8.1v1', t)).reason).toBe('Guests have restricted access.');
    bodyOf(t, 'authorizationPolicy', 'default').guestUserRoleId = '10dae51f-b6af-4016-8d66-8c2a99b929b3';
    bodyOf(t, 'authorizationPolicy', 'default').allowInvitesFrom = 'none';
    expect((await runEntraRule('MS.AAD.8.1v1', t)).reason).toBe('Guests have limited access.');
    expect((await runEntraRule('MS.AAD.8.2v1', t)).result).toBe('PASS');
  });

  it('7.3 counts a user once across roles', async () => {
    const t = compliantTenant();
    t.roleEligibilityScheduleInstance!.push({
      id: 'resi-2',
      body: { principalId: U2, roleDefinitionId: ROLE.userAdministrator },
    });
    expect((await runEntraRule('MS.AAD.7.3v1', t)).reason).toBe('All 3 privileged users are cloud-only.');
  });

  it('reads ISO 8601 durations', () => {
    expect(durationDays('P180D')).toBe(180);
    expect(durationDays('P6M')).toBe(180);
    expect(durationDays('P1Y')).toBe(365);
    expect(durationDays('PT12H')).toBe(0.5);
    expect(durationDays('P')).toBeUndefined();
    expect(durationDays('180')).toBeUndefined();
    expect(durationDays(null)).toBeUndefined();
  });
});

describe('rulesetFor', () => {
  it('picks the rule set by provider and refuses an unknown one', () => {
    expect(rulesetFor('okta')).toEqual({ rules: COMPLIANCE_RULES, version: RULESET_VERSION });
    expect(rulesetFor('entra')).toEqual({ rules: SCUBA_AAD_RULES, version: ENTRA_RULESET_VERSION });
    expect(() => rulesetFor('azure-b2c')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('provider azure-b2c') }),
    );
    expect([hasRuleset('okta'), hasRuleset('entra'), hasRuleset('google'), hasRuleset('azure-b2c')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(COMPLIANCE_RULES.some((r) => r.id.startsWith('MS.AAD.'))).toBe(false);
  });
});
