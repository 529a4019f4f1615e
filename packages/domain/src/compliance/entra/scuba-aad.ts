import { at, count, ev, evValue, fail, manual, named, notApplicable, pass, str } from '../compliance.fns.ts';
import type {
  ComplianceRule,
  ComplianceSnapshot,
  Evidence,
  FrameworkMappings,
  Outcome,
  RuleContext,
  SnapshotObject,
} from '../types.ts';
import {
  all,
  baseProblems,
  CA,
  caEvidence,
  durationDays,
  grantOf,
  nameOf,
  p2License,
  phishingResistant,
  PRIVILEGED_ROLES,
  ROLE,
  strings,
} from './scuba.fns.ts';

/**
 * The CISA SCuBA Microsoft Entra ID baseline (MS.AAD), the checks evaluable from configuration (shared
 * spec entra.md §D, after ScubaGear's Rego), judged on an Entra connection's snapshot (decision 058).
 * SHALL policies are CAT II, SHOULD policies CAT III.
 */
const map = (soc2: string[], iso27001: string[], nist80053: string[]): FrameworkMappings => ({
  soc2,
  iso27001,
  nist80053,
});
const ACCESS = map(['CC6.1'], ['A.5.15', 'A.8.5'], ['AC-3', 'IA-2']);
const MFA = map(['CC6.1'], ['A.8.5'], ['IA-2(1)', 'IA-2(2)']);
const APPS = map(['CC6.1', 'CC6.3'], ['A.5.15', 'A.8.2'], ['AC-6', 'CM-11']);
const PRIV = map(['CC6.1', 'CC6.3'], ['A.5.18', 'A.8.2'], ['AC-2', 'AC-6(5)']);
const GUEST = map(['CC6.2'], ['A.5.16', 'A.5.19'], ['AC-2', 'AC-14']);

const ENTRA = 'Microsoft Entra admin center';
const breakGlass = (ctx: RuleContext) => ctx.breakGlass?.userIds ?? [];

type Def = Omit<ComplianceRule, 'evaluate'> & {
  /** Needs Entra ID P2: NOT_APPLICABLE without the AAD_PREMIUM_P2 service plan. */
  p2?: boolean;
  evaluate(s: ComplianceSnapshot, ctx: RuleContext): Promise<Outcome>;
};

/** A P2 rule first looks at the licences: without P2 the control does not exist in the tenant. */
function withP2(d: Def): ComplianceRule {
  const { p2, ...rule } = d;
  if (!p2) return rule;
  return {
    ...rule,
    reads: [...rule.reads, { type: 'subscribedSku', fields: ['servicePlans[].servicePlanId', 'capabilityStatus'] }],
    async evaluate(s, ctx) {
      const lic = await p2License(s);
      if (!lic.p2)
        return notApplicable(
          'Needs Microsoft Entra ID P2: no subscribed SKU carries the AAD_PREMIUM_P2 service plan (servicePlanId eec0eb4f-6444-4f95-aba0-50c24d67f998).',
          lic.evidence,
        );
      return d.evaluate(s, ctx);
    },
  };
}

const CA_READ = {
  type: CA,
  fields: [
    'state',
    'conditions.users',
    'conditions.applications',
    'conditions.clientAppTypes',
    'conditions.userRiskLevels',
    'conditions.signInRiskLevels',
    'conditions.authenticationFlows',
    'grantControls',
  ],
};

/**
 * The CA rules' common shape: the policies that mean to do the thing (`intends`) pass when one is
 * also a base policy (`problems` empty). Intending policies that fall short are named as failing.
 */
async function caRule(
  s: ComplianceSnapshot,
  ctx: RuleContext,
  o: {
    what: string;
    intends: (p: SnapshotObject) => Promise<string[] | null> | string[] | null;
    allUsers?: boolean;
    allApps?: boolean;
  },
): Promise<Outcome> {
  const policies = await all(s, CA);
  const judged: { p: SnapshotObject; problems: string[] }[] = [];
  for (const p of policies) {
    const own = await o.intends(p);
    if (own === null) continue;
    const base = baseProblems(p, { allowedExclusions: breakGlass(ctx), allUsers: o.allUsers, allApps: o.allApps });
    judged.push({ p, problems: [...own, ...base] });
  }
  const good = judged.filter((j) => j.problems.length === 0);
  const evidence = judged.flatMap((j) => caEvidence(j.p, j.problems.length > 0));
  if (good.length) return pass(`${what(o.what)}: ${good.map((j) => `"${nameOf(j.p)}"`).join(', ')}.`, evidence);
  if (!judged.length)
    return fail(
      `No Conditional Access policy ${o.what} (${count(policies.length, 'policy', 'policies')} read).`,
      evidence,
    );
  return fail(
    `No enforced Conditional Access policy ${o.what} for all users: ${judged.map((j) => `"${nameOf(j.p)}" ${j.problems.join(', ')}`).join('; ')}.`,
    evidence,
  );
}
const what = (s: string) => `Conditional Access ${s.replace(/^that /, '')}`;

const blocks = (p: SnapshotObject) => strings(at(p.body, 'grantControls.builtInControls')).includes('block');

async function methodConfig(s: ComplianceSnapshot, id: string): Promise<SnapshotObject | undefined> {
  for (const m of await all(s, 'authenticationMethodConfiguration'))
    if (String(at(m.body, 'id') ?? m.id.split('/').at(-1)).toLowerCase() === id.toLowerCase()) return m;
  return undefined;
}

async function singleton(s: ComplianceSnapshot, type: string): Promise<SnapshotObject | undefined> {
  return (await all(s, type))[0];
}

/** Active (assigned) and eligible role grants at directory scope: principal, role, end. */
async function roleGrants(s: ComplianceSnapshot) {
  const grants: {
    type: string;
    o: SnapshotObject;
    principalId: string;
    roleId: string;
    end: unknown;
    eligible: boolean;
  }[] = [];
  for (const [type, eligible] of [
    ['roleAssignment', false],
    ['roleAssignmentScheduleInstance', false],
    ['roleEligibilityScheduleInstance', true],
  ] as const) {
    if (!s.has(type)) continue;
    for (const o of await all(s, type)) {
      const principalId = str(at(o.body, 'principalId'));
      const roleId = str(at(o.body, 'roleDefinitionId'));
      if (principalId && roleId)
        grants.push({ type, o, principalId, roleId, end: at(o.body, 'endDateTime'), eligible });
    }
  }
  return grants;
}

/** A principal's users: itself when a user, a group's members when a group (one level, as ScubaGear). */
async function usersOf(s: ComplianceSnapshot, principalId: string): Promise<string[]> {
  if (await s.get('user', principalId)) return [principalId];
  const members = s.has('group.members') ? await s.get('group.members', principalId) : undefined;
  if (members) return (at(members.body, 'members') as unknown[] | undefined)?.map((m) => String(at(m, 'id'))) ?? [];
  return [principalId];
}

/** The PIM rules of the role management policy assigned to a role (decision 058: by roleManagementPolicyAssignment). */
async function pimRules(s: ComplianceSnapshot, roleId: string) {
  const assignment = (await all(s, 'roleManagementPolicyAssignment')).find(
    (a) => at(a.body, 'roleDefinitionId') === roleId && (at(a.body, 'scopeId') ?? '/') === '/',
  );
  const policyId = assignment ? str(at(assignment.body, 'policyId')) : undefined;
  const policy = policyId
    ? (await all(s, 'roleManagementPolicy')).find((p) => p.id === policyId || at(p.body, 'id') === policyId)
    : undefined;
  const rules = policy && Array.isArray(at(policy.body, 'rules')) ? (at(policy.body, 'rules') as unknown[]) : undefined;
  return { policy, rules, rule: (id: string) => rules?.find((r) => at(r, 'id') === id) };
}

async function roleNames(s: ComplianceSnapshot) {
  const names = new Map<string, string>();
  for (const d of await all(s, 'roleDefinition')) {
    const n = str(at(d.body, 'displayName'));
    if (n) names.set(str(at(d.body, 'templateId')) ?? d.id, n);
  }
  return (id: string) => names.get(id) ?? id;
}

const CONSENT_TEMPLATE = 'dffd5d46-495d-40a9-8e21-954ff55e198a';

const defs: Def[] = [
  {
    id: 'MS.AAD.1.1v1',
    title: 'Legacy authentication is blocked',
    severity: 'CAT II',
    frameworks: ACCESS,
    requirement: 'Legacy authentication SHALL be blocked.',
    reads: [CA_READ],
    check: 'An enabled base CA policy whose client apps include exchangeActiveSync and other, granting block',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: a policy for All users and All resources, Conditions › Client apps: Exchange ActiveSync clients and Other clients, Grant: Block access, state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that blocks legacy authentication',
        intends: (p) => {
          const types = strings(at(p.body, 'conditions.clientAppTypes'));
          if (!blocks(p) || !(types.includes('exchangeActiveSync') || types.includes('other'))) return null;
          return ['exchangeActiveSync', 'other'].filter((t) => !types.includes(t)).map((t) => `does not cover ${t}`);
        },
      }),
  },
  {
    id: 'MS.AAD.2.1v1',
    title: 'Users detected as high risk are blocked',
    severity: 'CAT II',
    frameworks: ACCESS,
    p2: true,
    requirement: 'Users detected as high risk SHALL be blocked (Entra ID Protection, P2).',
    reads: [CA_READ],
    check: 'An enabled base CA policy with user risk high, granting block',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Conditions › User risk: High, Grant: Block access, state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that blocks high-risk users',
        intends: (p) => (blocks(p) && strings(at(p.body, 'conditions.userRiskLevels')).includes('high') ? [] : null),
      }),
  },
  {
    id: 'MS.AAD.2.3v1',
    title: 'Sign-ins detected as high risk are blocked',
    severity: 'CAT II',
    frameworks: ACCESS,
    p2: true,
    requirement: 'Sign-ins detected as high risk SHALL be blocked (Entra ID Protection, P2).',
    reads: [CA_READ],
    check: 'An enabled base CA policy with sign-in risk high, granting block',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Conditions › Sign-in risk: High, Grant: Block access, state On (not Report-only).`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that blocks high-risk sign-ins',
        intends: (p) => (blocks(p) && strings(at(p.body, 'conditions.signInRiskLevels')).includes('high') ? [] : null),
      }),
  },
  {
    id: 'MS.AAD.3.1v1',
    title: 'Phishing-resistant MFA is enforced for all users',
    severity: 'CAT II',
    frameworks: MFA,
    requirement:
      'Phishing-resistant MFA SHALL be enforced for all users (Windows Hello for Business, FIDO2, certificate-based MFA).',
    reads: [CA_READ, { type: 'authenticationStrength', fields: ['allowedCombinations'], optional: true }],
    check:
      'An enabled base CA policy whose authentication strength allows only windowsHelloForBusiness, fido2, x509CertificateMultiFactor',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Grant: Require authentication strength "Phishing-resistant MFA", state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that requires phishing-resistant MFA',
        intends: async (p) => {
          const g = await grantOf(s, p);
          if (!g.strengthId) return null;
          return phishingResistant(g.combinations) ? [] : ['its authentication strength allows other methods'];
        },
      }),
  },
  {
    id: 'MS.AAD.3.2v2',
    title: 'MFA is enforced for all users',
    severity: 'CAT II',
    frameworks: MFA,
    requirement:
      'If phishing-resistant MFA is not yet enforced, an alternative MFA method SHALL be enforced for all users.',
    reads: [CA_READ],
    check: 'An enabled base CA policy granting mfa or requiring an authentication strength',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Grant: Require multifactor authentication (or an authentication strength), state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that requires MFA',
        intends: async (p) => {
          const g = await grantOf(s, p);
          if (!g.controls.includes('mfa') && !g.strengthId) return null;
          return g.operator === 'OR' && g.controls.length + (g.strengthId ? 1 : 0) > 1
            ? ['MFA is one of several alternative grants (operator OR)']
            : [];
        },
      }),
  },
  {
    id: 'MS.AAD.3.3v2',
    title: 'Microsoft Authenticator shows login context',
    severity: 'CAT II',
    frameworks: MFA,
    requirement:
      'If Microsoft Authenticator is enabled, it SHALL show the app name and geographic location of the sign-in.',
    reads: [{ type: 'authenticationMethodConfiguration', fields: ['state', 'featureSettings'] }],
    check:
      'Authenticator disabled, or displayAppInformationRequiredState and displayLocationInformationRequiredState enabled for all_users',
    remediation: `${ENTRA} › Protection › Authentication methods › Policies › Microsoft Authenticator › Configure: "Show application name" and "Show geographic location" Enabled for All users.`,
    async evaluate(s) {
      const m = await methodConfig(s, 'MicrosoftAuthenticator');
      if (!m) return pass('The Microsoft Authenticator method is not configured, so it cannot be used.');
      const name = 'Microsoft Authenticator';
      const paths = [
        'state',
        'featureSettings.displayAppInformationRequiredState',
        'featureSettings.displayLocationInformationRequiredState',
      ];
      const evidence = paths.map((p) => named(ev('authenticationMethodConfiguration', m, p), name));
      if (at(m.body, 'state') !== 'enabled') return pass('Microsoft Authenticator is disabled.', evidence);
      const short = paths
        .slice(1)
        .filter((p) => at(m.body, `${p}.state`) !== 'enabled' || at(m.body, `${p}.includeTarget.id`) !== 'all_users');
      if (!short.length) return pass('Authenticator shows the app name and the location to all users.', evidence);
      return fail(
        `Authenticator is enabled but does not show ${short.map((p) => (p.includes('App') ? 'the app name' : 'the location')).join(' or ')} to all users.`,
        evidence.map((e) => ({ ...e, failed: true as const })),
      );
    },
  },
  {
    id: 'MS.AAD.3.4v1',
    title: 'The authentication methods migration is complete',
    severity: 'CAT II',
    frameworks: MFA,
    requirement: 'The authentication methods manage migration feature SHALL be set to Migration Complete.',
    reads: [{ type: 'authenticationMethodsPolicy', fields: ['policyMigrationState'] }],
    check: 'policyMigrationState = migrationComplete',
    remediation: `${ENTRA} › Protection › Authentication methods › Policies › Manage migration: Migration Complete.`,
    async evaluate(s) {
      const p = await singleton(s, 'authenticationMethodsPolicy');
      if (!p) return fail('The snapshot has no authentication methods policy.');
      const e = [named(ev('authenticationMethodsPolicy', p, 'policyMigrationState'), 'Authentication methods policy')];
      const state = at(p.body, 'policyMigrationState');
      return state === 'migrationComplete'
        ? pass('The legacy MFA and SSPR method settings are migrated.', e)
        : fail(`The migration is ${String(state)}: the legacy MFA and SSPR settings still apply.`, [
            { ...e[0]!, failed: true },
          ]);
    },
  },
  {
    id: 'MS.AAD.3.5v2',
    title: 'SMS, voice call and email OTP are disabled',
    severity: 'CAT II',
    frameworks: MFA,
    requirement: 'The authentication methods SMS, Voice Call, and Email One-Time Passcode SHALL be disabled.',
    reads: [{ type: 'authenticationMethodConfiguration', fields: ['state'] }],
    check: 'The Sms, Voice and Email method configurations are disabled',
    remediation: `${ENTRA} › Protection › Authentication methods › Policies: SMS, Voice call and Email OTP each Enable off.`,
    async evaluate(s) {
      const evidence: Evidence[] = [];
      const on: string[] = [];
      for (const id of ['Sms', 'Voice', 'Email']) {
        const m = await methodConfig(s, id);
        if (!m) continue;
        const enabled = at(m.body, 'state') === 'enabled';
        if (enabled) on.push(id);
        evidence.push({
          ...named(ev('authenticationMethodConfiguration', m, 'state'), id),
          ...(enabled ? { failed: true as const } : {}),
        });
      }
      return on.length
        ? fail(`Enabled: ${on.join(', ')}.`, evidence)
        : pass('SMS, voice call and email OTP are disabled.', evidence);
    },
  },
  {
    id: 'MS.AAD.3.6v1',
    title: 'Phishing-resistant MFA is required for privileged roles',
    severity: 'CAT II',
    frameworks: MFA,
    requirement: 'Phishing-resistant MFA SHALL be required for highly privileged roles.',
    reads: [CA_READ, { type: 'authenticationStrength', fields: ['allowedCombinations'], optional: true }],
    check: `An enabled CA policy for all apps whose includeRoles hold the ${PRIVILEGED_ROLES.length} privileged roles, requiring a phishing-resistant strength`,
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: Users › Directory roles: Global, Privileged Role, User, SharePoint, Exchange, Hybrid Identity, Application and Cloud Application Administrator; All resources; Grant: authentication strength "Phishing-resistant MFA"; state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that requires phishing-resistant MFA of the privileged roles',
        allUsers: false,
        intends: async (p) => {
          const roles = strings(at(p.body, 'conditions.users.includeRoles'));
          const g = await grantOf(s, p);
          if (!roles.length || !(g.controls.includes('mfa') || g.strengthId)) return null;
          const problems: string[] = [];
          const missing = PRIVILEGED_ROLES.filter((r) => !roles.includes(r));
          if (missing.length) problems.push(`leaves out ${count(missing.length, 'privileged role')}`);
          if (!phishingResistant(g.combinations)) problems.push('does not require a phishing-resistant strength');
          return problems;
        },
      }),
  },
  {
    id: 'MS.AAD.3.7v1',
    title: 'Managed devices are required',
    severity: 'CAT III',
    frameworks: ACCESS,
    requirement: 'Managed devices SHOULD be required for authentication.',
    reads: [CA_READ],
    check: 'An enabled base CA policy granting compliantDevice OR domainJoinedDevice',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Grant: "Require device to be marked as compliant" and "Require Microsoft Entra hybrid joined device", Require one of the selected controls; state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that requires a managed device',
        intends: async (p) => {
          const g = await grantOf(s, p);
          const has = ['compliantDevice', 'domainJoinedDevice'].filter((c) => g.controls.includes(c));
          if (!has.length) return null;
          const problems = has.length < 2 ? [`grants only ${has[0]}`] : [];
          if (g.operator !== 'OR') problems.push('operator is not OR');
          return problems;
        },
      }),
  },
  {
    id: 'MS.AAD.3.8v1',
    title: 'Managed devices are required to register MFA',
    severity: 'CAT III',
    frameworks: MFA,
    requirement: 'Managed devices SHOULD be required to register MFA.',
    reads: [CA_READ],
    check:
      'An enabled CA policy for all users on the user action urn:user:registersecurityinfo granting a managed-device control',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, Target resources › User actions › Register security information, Grant: compliant or hybrid joined device; state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that requires a managed device to register security information',
        allApps: false,
        intends: async (p) => {
          if (
            !strings(at(p.body, 'conditions.applications.includeUserActions')).includes('urn:user:registersecurityinfo')
          )
            return null;
          const g = await grantOf(s, p);
          return ['compliantDevice', 'domainJoinedDevice'].some((c) => g.controls.includes(c))
            ? []
            : ['grants no managed-device control'];
        },
      }),
  },
  {
    id: 'MS.AAD.3.9v1',
    title: 'The device code flow is blocked',
    severity: 'CAT III',
    frameworks: ACCESS,
    requirement: 'The device code authentication flow SHOULD be blocked.',
    reads: [CA_READ],
    check: 'An enabled base CA policy with authentication flows transferMethods deviceCodeFlow, granting block',
    remediation: `${ENTRA} › Protection › Conditional Access › Policies: All users, All resources, Conditions › Authentication flows: Device code flow, Grant: Block access; state On.`,
    evaluate: (s, ctx) =>
      caRule(s, ctx, {
        what: 'that blocks the device code flow',
        intends: (p) =>
          blocks(p) &&
          String(at(p.body, 'conditions.authenticationFlows.transferMethods') ?? '')
            .split(',')
            .includes('deviceCodeFlow')
            ? []
            : null,
      }),
  },
  {
    id: 'MS.AAD.5.1v1',
    title: 'Only administrators register applications',
    severity: 'CAT II',
    frameworks: APPS,
    requirement: 'Only administrators SHALL be allowed to register applications.',
    reads: [{ type: 'authorizationPolicy', fields: ['defaultUserRolePermissions.allowedToCreateApps'] }],
    check: 'defaultUserRolePermissions.allowedToCreateApps = false',
    remediation: `${ENTRA} › Identity › Users › User settings: "Users can register applications" No.`,
    async evaluate(s) {
      const p = await singleton(s, 'authorizationPolicy');
      if (!p) return fail('The snapshot has no authorization policy.');
      const e = named(
        ev('authorizationPolicy', p, 'defaultUserRolePermissions.allowedToCreateApps'),
        'Authorization policy',
      );
      return e.value === false
        ? pass('Users cannot register applications.', [e])
        : fail('Every user can register applications.', [{ ...e, failed: true }]);
    },
  },
  {
    id: 'MS.AAD.5.2v1',
    title: 'Users cannot consent to applications',
    severity: 'CAT II',
    frameworks: APPS,
    requirement: 'Only administrators SHALL be allowed to consent to applications.',
    reads: [
      {
        type: 'authorizationPolicy',
        fields: [
          'defaultUserRolePermissions.permissionGrantPoliciesAssigned',
          'permissionGrantPolicyIdsAssignedToDefaultUserRole',
        ],
      },
    ],
    check: 'No ManagePermissionGrantsForSelf.* policy (legacy, low, recommended) is assigned to the default user role',
    remediation: `${ENTRA} › Identity › Enterprise applications › Consent and permissions › User consent settings: "Do not allow user consent".`,
    async evaluate(s) {
      const p = await singleton(s, 'authorizationPolicy');
      if (!p) return fail('The snapshot has no authorization policy.');
      const path =
        at(p.body, 'defaultUserRolePermissions.permissionGrantPoliciesAssigned') !== undefined
          ? 'defaultUserRolePermissions.permissionGrantPoliciesAssigned'
          : 'permissionGrantPolicyIdsAssignedToDefaultUserRole';
      const self = strings(at(p.body, path)).filter((id) => id.startsWith('ManagePermissionGrantsForSelf.'));
      const e = named(ev('authorizationPolicy', p, path), 'Authorization policy');
      return self.length
        ? fail(`Users may consent to apps by themselves: ${self.join(', ')}.`, [{ ...e, failed: true }])
        : pass('No user-consent grant policy is assigned to the default user role.', [e]);
    },
  },
  {
    id: 'MS.AAD.5.3v1',
    title: 'The admin consent workflow is on',
    severity: 'CAT II',
    frameworks: APPS,
    requirement: 'An admin consent workflow SHALL be configured for applications.',
    reads: [
      { type: 'directorySetting', fields: ['templateId', 'values[EnableAdminConsentRequests]'] },
      { type: 'adminConsentRequestPolicy', fields: ['isEnabled'], optional: true },
    ],
    check: 'The Consent Policy Settings directory setting has EnableAdminConsentRequests = true',
    remediation: `${ENTRA} › Identity › Enterprise applications › Consent and permissions › Admin consent settings: "Users can request admin consent to apps they are unable to consent to" Yes, with reviewers.`,
    async evaluate(s) {
      const setting = (await all(s, 'directorySetting')).find(
        (o) => at(o.body, 'templateId') === CONSENT_TEMPLATE || at(o.body, 'displayName') === 'Consent Policy Settings',
      );
      const values =
        setting && Array.isArray(at(setting.body, 'values')) ? (at(setting.body, 'values') as unknown[]) : [];
      const v = values.find((x) => at(x, 'name') === 'EnableAdminConsentRequests');
      const evidence: Evidence[] = setting
        ? [
            {
              ...evValue('directorySetting', setting.id, 'values[EnableAdminConsentRequests]', at(v, 'value')),
              name: 'Consent Policy Settings',
            },
          ]
        : [];
      const policy = s.has('adminConsentRequestPolicy') ? await singleton(s, 'adminConsentRequestPolicy') : undefined;
      if (policy)
        evidence.push(named(ev('adminConsentRequestPolicy', policy, 'isEnabled'), 'Admin consent request policy'));
      if (String(at(v, 'value')).toLowerCase() === 'true')
        return pass('Users can ask an admin to consent to an app.', evidence);
      return fail(
        setting
          ? 'Admin consent requests are off (EnableAdminConsentRequests is not true).'
          : 'No Consent Policy Settings directory setting: admin consent requests were never turned on.',
        evidence.map((e) => ({ ...e, failed: true as const })),
      );
    },
  },
  ...(
    [
      [
        'MS.AAD.5.5v1',
        'Apps cannot add password credentials',
        'passwordCredentials',
        'passwordAddition',
        'Application password credentials SHALL be blocked for all apps.',
        'passwordAddition restriction enabled in the default app management policy',
        'Block password addition',
      ],
      [
        'MS.AAD.5.6v1',
        'App secrets live at most 180 days',
        'passwordCredentials',
        'passwordLifetime',
        'Application client secrets SHALL have a lifetime of at most 180 days.',
        'passwordLifetime restriction enabled with maxLifetime ≤ P180D',
        'Restrict max password lifetime: 180 days',
      ],
      [
        'MS.AAD.5.7v1',
        'App certificates live at most 365 days',
        'keyCredentials',
        'asymmetricKeyLifetime',
        'Application certificates SHALL have a lifetime of at most 365 days.',
        'asymmetricKeyLifetime restriction enabled with maxLifetime ≤ P365D',
        'Restrict max certificate lifetime: 365 days',
      ],
    ] as const
  ).map(
    ([id, title, list, kind, requirement, check, ui]): Def => ({
      id,
      title,
      severity: 'CAT II',
      frameworks: APPS,
      requirement,
      reads: [{ type: 'defaultAppManagementPolicy', fields: ['isEnabled', `applicationRestrictions.${list}`] }],
      check,
      remediation: `${ENTRA} › Identity › Applications › App registrations › Application policies (default app management policy): "${ui}" on, for all applications. Graph: PATCH /policies/defaultAppManagementPolicy.`,
      async evaluate(s) {
        const p = await singleton(s, 'defaultAppManagementPolicy');
        if (!p) return fail('The snapshot has no default app management policy.');
        const rows = at(p.body, `applicationRestrictions.${list}`);
        const r = Array.isArray(rows) ? rows.find((x) => at(x, 'restrictionType') === kind) : undefined;
        const e: Evidence = {
          ...evValue('defaultAppManagementPolicy', p.id, `applicationRestrictions.${list}[${kind}]`, r ?? null),
          name: 'Default app management policy',
        };
        const on = at(p.body, 'isEnabled') !== false && r !== undefined && (at(r, 'state') ?? 'enabled') === 'enabled';
        if (!on)
          return fail(
            `The ${kind} restriction is not enforced${at(p.body, 'isEnabled') === false ? ' (the policy is disabled)' : ''}.`,
            [{ ...e, failed: true }],
          );
        if (kind === 'passwordAddition') return pass('Apps cannot add new password credentials.', [e]);
        const limit = kind === 'passwordLifetime' ? 180 : 365;
        const days = durationDays(at(r, 'maxLifetime'));
        return days !== undefined && days <= limit
          ? pass(`The longest allowed lifetime is ${String(at(r, 'maxLifetime'))} (at most ${limit} days).`, [e])
          : fail(`The longest allowed lifetime is ${String(at(r, 'maxLifetime'))}, more than ${limit} days.`, [
              { ...e, failed: true },
            ]);
      },
    }),
  ),
  {
    id: 'MS.AAD.6.1v1',
    title: 'User passwords do not expire',
    severity: 'CAT II',
    frameworks: map(['CC6.1'], ['A.5.17'], ['IA-5(1)']),
    requirement: 'User passwords SHALL NOT expire.',
    reads: [{ type: 'domain', fields: ['isVerified', 'authenticationType', 'passwordValidityPeriodInDays'] }],
    check: 'Every verified managed domain has passwordValidityPeriodInDays 2147483647 or null',
    remediation: `Microsoft 365 admin center › Settings › Org settings › Security & privacy › Password expiration policy: "Set passwords to never expire" (or Graph PATCH /domains/{id} passwordValidityPeriodInDays 2147483647).`,
    async evaluate(s) {
      const domains = (await all(s, 'domain')).filter(
        (d) => at(d.body, 'isVerified') === true && at(d.body, 'authenticationType') === 'Managed',
      );
      const expiring = domains.filter((d) => {
        const v = at(d.body, 'passwordValidityPeriodInDays');
        return v !== null && v !== undefined && v !== 2147483647;
      });
      const evidence = domains.map((d) => ({
        ...named(ev('domain', d, 'passwordValidityPeriodInDays'), d.id),
        ...(expiring.includes(d) ? { failed: true as const } : {}),
      }));
      return expiring.length
        ? fail(
            `Passwords expire on ${expiring.map((d) => `${d.id} (${String(at(d.body, 'passwordValidityPeriodInDays'))} days)`).join(', ')}.`,
            evidence,
          )
        : pass(`Passwords never expire on the ${count(domains.length, 'verified managed domain')}.`, evidence);
    },
  },
  {
    id: 'MS.AAD.7.1v1',
    title: 'Between two and eight Global Administrators',
    severity: 'CAT II',
    frameworks: PRIV,
    requirement:
      'A minimum of two users and a maximum of eight users SHALL be provisioned with the Global Administrator role.',
    reads: [
      { type: 'roleAssignment', fields: ['principalId', 'roleDefinitionId'] },
      { type: 'roleAssignmentScheduleInstance', fields: ['principalId', 'roleDefinitionId'], optional: true },
      { type: 'roleEligibilityScheduleInstance', fields: ['principalId', 'roleDefinitionId'], optional: true },
      { type: 'group.members', fields: ['members[].id'], optional: true },
    ],
    check: '2 ≤ distinct users holding Global Administrator (active or eligible, groups expanded) ≤ 8',
    remediation: `${ENTRA} › Identity › Roles & admins › Global Administrator: add or remove assignments (through Privileged Identity Management where licensed) to keep 2 to 8.`,
    async evaluate(s) {
      const users = new Set<string>();
      const evidence: Evidence[] = [];
      for (const g of (await roleGrants(s)).filter((g) => g.roleId === ROLE.globalAdministrator)) {
        for (const u of await usersOf(s, g.principalId)) users.add(u);
        evidence.push(ev(g.type, g.o, 'principalId'));
      }
      const n = users.size;
      const text = `${count(n, 'user')} hold${n === 1 ? 's' : ''} Global Administrator`;
      return n >= 2 && n <= 8
        ? pass(`${text}.`, evidence)
        : fail(
            `${text}; the baseline asks for 2 to 8.`,
            evidence.map((e) => ({ ...e, failed: true as const })),
          );
    },
  },
  {
    id: 'MS.AAD.7.3v1',
    title: 'Privileged users are cloud-only',
    severity: 'CAT II',
    frameworks: PRIV,
    requirement:
      'Privileged users SHALL be provisioned cloud-only accounts separate from an on-premises directory or other federated identity providers.',
    reads: [
      { type: 'roleAssignment', fields: ['principalId', 'roleDefinitionId'] },
      { type: 'roleAssignmentScheduleInstance', fields: ['principalId', 'roleDefinitionId'], optional: true },
      { type: 'roleEligibilityScheduleInstance', fields: ['principalId', 'roleDefinitionId'], optional: true },
      { type: 'group.members', fields: ['members[].id'], optional: true },
      { type: 'user', fields: ['onPremisesImmutableId'] },
      { type: 'roleDefinition', fields: ['templateId', 'displayName'], optional: true },
    ],
    check: 'No holder of a privileged role has onPremisesImmutableId set',
    remediation: `${ENTRA} › Identity › Roles & admins: assign the privileged roles to cloud-only accounts (created in Entra, not synced by Entra Connect) and remove the synced ones.`,
    async evaluate(s) {
      const roleName = await roleNames(s);
      const seen = new Set<string>();
      const evidence: Evidence[] = [];
      let synced = 0;
      for (const g of (await roleGrants(s)).filter((g) => PRIVILEGED_ROLES.includes(g.roleId))) {
        for (const uid of await usersOf(s, g.principalId)) {
          if (seen.has(uid)) continue;
          seen.add(uid);
          const u = await s.get('user', uid);
          if (!u) continue;
          const bad = at(u.body, 'onPremisesImmutableId') != null;
          if (bad) synced++;
          // Users are named by role, not login (Evidence.name): results are stored in the clear.
          evidence.push({
            ...ev('user', u, 'onPremisesImmutableId'),
            name: `holder of ${roleName(g.roleId)}`,
            ...(bad ? { failed: true as const } : {}),
          });
        }
      }
      return synced
        ? fail(
            `${count(synced, 'privileged user')} of ${seen.size} ${synced === 1 ? 'is' : 'are'} synced from on-premises.`,
            evidence,
          )
        : pass(`All ${count(seen.size, 'privileged user')} are cloud-only.`, evidence);
    },
  },
  {
    id: 'MS.AAD.7.4v1',
    title: 'No permanent active privileged role assignments',
    severity: 'CAT II',
    frameworks: PRIV,
    p2: true,
    requirement:
      'Permanent active role assignments SHALL NOT be allowed for highly privileged roles (except break-glass accounts).',
    reads: [
      {
        type: 'roleAssignmentScheduleInstance',
        fields: ['principalId', 'roleDefinitionId', 'endDateTime'],
      },
      { type: 'roleDefinition', fields: ['templateId', 'displayName'], optional: true },
    ],
    check: 'No active assignment of a privileged role without an endDateTime, except declared break-glass users',
    remediation: `${ENTRA} › Identity Governance › Privileged Identity Management › Microsoft Entra roles › Assignments: make permanent active assignments eligible (or time-bound); Settings › role › "Allow permanent active assignment" off.`,
    async evaluate(s, ctx) {
      const roleName = await roleNames(s);
      const bg = breakGlass(ctx);
      const active = (await all(s, 'roleAssignmentScheduleInstance')).filter((o) =>
        PRIVILEGED_ROLES.includes(String(at(o.body, 'roleDefinitionId'))),
      );
      const permanent = active.filter(
        (o) => at(o.body, 'endDateTime') == null && !bg.includes(String(at(o.body, 'principalId'))),
      );
      const evidence = active.map((o) => ({
        ...named(
          ev('roleAssignmentScheduleInstance', o, 'endDateTime'),
          roleName(String(at(o.body, 'roleDefinitionId'))),
        ),
        ...(permanent.includes(o) ? { failed: true as const } : {}),
      }));
      return permanent.length
        ? fail(
            `Permanent active assignments: ${permanent.map((o) => roleName(String(at(o.body, 'roleDefinitionId')))).join(', ')}.`,
            evidence,
          )
        : pass(
            `No permanent active privileged assignment outside break-glass (${count(active.length, 'active assignment')}).`,
            evidence,
          );
    },
  },
  {
    id: 'MS.AAD.7.6v1',
    title: 'Global Administrator activation needs approval',
    severity: 'CAT II',
    frameworks: PRIV,
    p2: true,
    requirement: 'Activation of the Global Administrator role SHALL require approval.',
    reads: [
      { type: 'roleManagementPolicyAssignment', fields: ['roleDefinitionId', 'policyId'] },
      { type: 'roleManagementPolicy', fields: ['rules[Approval_EndUser_Assignment].setting.isApprovalRequired'] },
    ],
    check: 'The Global Administrator role settings rule Approval_EndUser_Assignment has isApprovalRequired = true',
    remediation: `${ENTRA} › Identity Governance › Privileged Identity Management › Microsoft Entra roles › Settings › Global Administrator › Edit › Activation: "Require approval to activate" with approvers.`,
    async evaluate(s) {
      const pim = await pimRules(s, ROLE.globalAdministrator);
      if (!pim.policy) return fail('No PIM role settings for Global Administrator in the snapshot.');
      if (!pim.rules) return fail('The PIM role settings of Global Administrator hold no rules in the snapshot.');
      const v = at(pim.rule('Approval_EndUser_Assignment'), 'setting.isApprovalRequired');
      const e: Evidence = {
        ...evValue(
          'roleManagementPolicy',
          pim.policy.id,
          'rules[Approval_EndUser_Assignment].setting.isApprovalRequired',
          v,
        ),
        name: 'Global Administrator role settings',
      };
      return v === true
        ? pass('Activating Global Administrator needs approval.', [e])
        : fail('Global Administrator can be activated without approval.', [{ ...e, failed: true }]);
    },
  },
  ...(
    [
      [
        'MS.AAD.7.7v1',
        'Assignments of privileged roles alert',
        ['Notification_Admin_Admin_Assignment', 'Notification_Admin_Admin_Eligibility'],
        'Eligible and active privileged role assignments SHALL trigger an alert.',
        'privileged',
        'Send notifications when members are assigned as eligible / active: Role assignment alert, with additional recipients',
      ],
      [
        'MS.AAD.7.8v1',
        'Global Administrator activation alerts',
        ['Notification_Admin_EndUser_Assignment'],
        'User activation of the Global Administrator role SHALL trigger an alert.',
        'ga',
        'Send notifications when eligible members activate this role: Role activation alert, with additional recipients',
      ],
    ] as const
  ).map(
    ([id, title, ruleIds, requirement, scope, ui]): Def => ({
      id,
      title,
      severity: id === 'MS.AAD.7.8v1' ? 'CAT III' : 'CAT II',
      frameworks: map(['CC7.2'], ['A.8.15', 'A.8.16'], ['AU-6', 'AC-2(4)']),
      p2: true,
      requirement,
      reads: [
        { type: 'roleManagementPolicyAssignment', fields: ['roleDefinitionId', 'policyId'] },
        { type: 'roleManagementPolicy', fields: ruleIds.map((r) => `rules[${r}].notificationRecipients`) },
        { type: 'roleDefinition', fields: ['templateId', 'displayName'], optional: true },
      ],
      check: `${ruleIds.join(' and ')} of ${scope === 'ga' ? 'the Global Administrator' : 'every privileged role'}'s settings have notification recipients`,
      remediation: `${ENTRA} › Identity Governance › Privileged Identity Management › Microsoft Entra roles › Settings › ${scope === 'ga' ? 'Global Administrator' : 'each privileged role'} › Edit › Notification: "${ui}".`,
      async evaluate(s) {
        const roleName = await roleNames(s);
        const roles = scope === 'ga' ? [ROLE.globalAdministrator] : PRIVILEGED_ROLES;
        const evidence: Evidence[] = [];
        const silent: string[] = [];
        let judged = 0;
        for (const role of roles) {
          const pim = await pimRules(s, role);
          if (!pim.policy) {
            // Only roles in use have settings worth judging; Global Administrator always is.
            if (role === ROLE.globalAdministrator) silent.push(`${roleName(role)} (no role settings)`);
            continue;
          }
          judged++;
          for (const rid of ruleIds) {
            const recipients = strings(at(pim.rule(rid), 'notificationRecipients'));
            const bad = recipients.length === 0;
            if (bad) silent.push(`${roleName(role)}: ${rid}`);
            evidence.push({
              ...evValue('roleManagementPolicy', pim.policy.id, `rules[${rid}].notificationRecipients`, recipients),
              name: `${roleName(role)} role settings`,
              ...(bad ? { failed: true as const } : {}),
            });
          }
        }
        return silent.length
          ? fail(`No additional recipients are notified: ${silent.join('; ')}.`, evidence)
          : pass(`Notifications have recipients in the settings of ${count(judged, 'role')}.`, evidence);
      },
    }),
  ),
  {
    id: 'MS.AAD.8.1v1',
    title: 'Guest users have limited access',
    severity: 'CAT III',
    frameworks: GUEST,
    requirement: 'Guest users SHOULD have limited or restricted access to Entra ID directory objects.',
    reads: [{ type: 'authorizationPolicy', fields: ['guestUserRoleId'] }],
    check:
      'guestUserRoleId is 10dae51f-b6af-4016-8d66-8c2a99b929b3 (limited) or 2af84b1e-32c8-42b7-82bc-daa82404023b (restricted)',
    remediation: `${ENTRA} › Identity › External Identities › External collaboration settings › Guest user access: "Guest users have limited access…" or "…restricted…".`,
    async evaluate(s) {
      const p = await singleton(s, 'authorizationPolicy');
      if (!p) return fail('The snapshot has no authorization policy.');
      const e = named(ev('authorizationPolicy', p, 'guestUserRoleId'), 'Authorization policy');
      const v = e.value;
      if (v === '10dae51f-b6af-4016-8d66-8c2a99b929b3') return pass('Guests have limited access.', [e]);
      if (v === '2af84b1e-32c8-42b7-82bc-daa82404023b') return pass('Guests have restricted access.', [e]);
      return fail(
        v === 'a0b1b346-4d3e-4e8b-98f8-753987be4970'
          ? 'Guests have the same access as members.'
          : `Guest role ${String(v)} is neither limited nor restricted.`,
        [{ ...e, failed: true }],
      );
    },
  },
  {
    id: 'MS.AAD.8.2v1',
    title: 'Only Guest Inviters invite guests',
    severity: 'CAT III',
    frameworks: GUEST,
    requirement: 'Only users with the Guest Inviter role SHOULD be able to invite guest users.',
    reads: [{ type: 'authorizationPolicy', fields: ['allowInvitesFrom'] }],
    check: 'allowInvitesFrom = adminsAndGuestInviters (or none)',
    remediation: `${ENTRA} › Identity › External Identities › External collaboration settings › Guest invite settings: "Only users assigned to specific admin roles can invite guest users".`,
    async evaluate(s) {
      const p = await singleton(s, 'authorizationPolicy');
      if (!p) return fail('The snapshot has no authorization policy.');
      const e = named(ev('authorizationPolicy', p, 'allowInvitesFrom'), 'Authorization policy');
      return e.value === 'adminsAndGuestInviters' || e.value === 'none'
        ? pass(`Invitations: ${String(e.value)}.`, [e])
        : fail(`Guests may be invited by ${String(e.value)}.`, [{ ...e, failed: true }]);
    },
  },
  ...(
    [
      [
        'MS.AAD.2.2v1',
        'High-risk users are reported to administrators',
        'A notification SHOULD be sent to the administrator when high-risk users are detected.',
        'Entra ID Protection notification settings are not in Microsoft Graph',
        `${ENTRA} › Protection › Identity Protection › Notifications › Users at risk detected alerts: add recipients, alert on High.`,
      ],
      [
        'MS.AAD.4.1v1',
        'Security logs go to the agency SOC',
        "Security logs SHALL be sent to the agency's security operations center for monitoring.",
        'Diagnostic settings live in Azure Resource Manager, not Microsoft Graph',
        `${ENTRA} › Identity › Monitoring & health › Diagnostic settings: send AuditLogs, SignInLogs and the risk logs to the SOC's workspace or event hub.`,
      ],
      [
        'MS.AAD.8.3v1',
        'Guests are invited only from allowed domains',
        'Guest invites SHOULD only be allowed to specific external domains that have been authorized by the agency for legitimate business purposes.',
        "Which domains are authorized is the agency's own list",
        `${ENTRA} › Identity › External Identities › External collaboration settings › Collaboration restrictions: "Allow invitations only to the specified domains".`,
      ],
    ] as const
  ).map(
    ([id, title, requirement, why, remediation]): Def => ({
      id,
      title,
      severity: 'CAT III',
      frameworks: id === 'MS.AAD.4.1v1' ? map(['CC7.2'], ['A.8.15'], ['AU-6']) : GUEST,
      requirement,
      reads: [],
      check: `Checked by hand (ScubaGear leaves it manual): ${why}`,
      remediation,
      evaluate: async () => manual(`${why}: check in the ${ENTRA} and record the result. ${requirement}`),
    }),
  ),
];

/** The MS.AAD rules Butterfly judges on Entra connections. */
export const SCUBA_AAD_RULES: readonly ComplianceRule[] = defs.map(withP2);
