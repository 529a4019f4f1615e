import type { Json } from '../../model/types.ts';
import { addPolicy, addRules, type TBuild } from '../build.ts';
import { appSignOn, passwordSettings, signOnSession } from '../defaults/policies.ts';
import { PHISHING_RESISTANT } from './apps.ts';
import { groupIds, type TGroups } from './groups.ts';
import type { TSecurityRefs } from './security.ts';

const find = (b: TBuild, type: string, name: string): Json =>
  [...b.org.data.table('policies').values()].find((p) => p.type === type && p.name === name)!;
const rulesOf = (b: TBuild, policy: Json): Json[] => [...b.org.data.table(`rules:${policy.id}`).values()];

/**
 * The STIG posture of a seeded org. Everything the checks read is compliant except four settings
 * left wrong on purpose, so a scan has something to find:
 * - the password policies lock out after 10 attempts (OKTA-APP-000170 wants 1–3);
 * - the top global session rule allows 60 idle minutes (OKTA-APP-000020 wants ≤ 15)
 * - and keeps session cookies persistent (OKTA-APP-001710);
 * - no log stream exists (OKTA-APP-001430; nothing to do here).
 */
export function seedPolicies(b: TBuild, groups: TGroups, zones: TSecurityRefs): void {
  const everyoneId = b.org.refs.everyone;
  const onNetwork = { connection: 'ZONE', include: [zones.corporate, zones.vpn] };
  const offNetwork = { connection: 'ZONE', exclude: [zones.corporate, zones.vpn] };
  const signon = (idle: number, persistent: boolean) => ({
    signon: {
      access: 'ALLOW',
      requireFactor: true,
      primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
      factorPromptMode: 'ALWAYS',
      rememberDeviceByDefault: false,
      factorLifetime: 15,
      session: signOnSession(idle, 720, persistent),
    },
  });
  const people = { users: { exclude: [] }, groups: { include: [everyoneId], exclude: [] } };
  const anyRisk = {
    authContext: { authType: 'ANY' },
    risk: { behaviors: [] },
    riskScore: { level: 'ANY' },
    identityProvider: { provider: 'ANY' },
  };
  addPolicy(
    b,
    {
      type: 'OKTA_SIGN_ON',
      name: 'Corporate global session',
      description: 'Sessions of every user',
      priority: 1,
      conditions: { people: { groups: { include: [everyoneId] } } },
    },
    [
      {
        name: 'On corporate network',
        priority: 1,
        conditions: { people, network: onNetwork, ...anyRisk },
        actions: signon(60, true),
      },
      {
        name: 'Remote',
        priority: 2,
        conditions: { people, network: offNetwork, ...anyRisk },
        actions: signon(15, false),
      },
    ],
    400,
  );
  // The default policy gets a compliant rule of its own: every active global session policy is checked.
  const defaultSession = find(b, 'OKTA_SIGN_ON', 'Default Policy');
  for (const rule of rulesOf(b, defaultSession)) rule.actions.signon.session = signOnSession(15, 720, false);
  addRules(
    b,
    defaultSession,
    [
      {
        name: 'Default session on network',
        priority: 1,
        conditions: { people, network: onNetwork, ...anyRisk },
        actions: signon(15, false),
      },
    ],
    400,
  );

  const stig = passwordSettings({
    complexity: {
      minLength: 15,
      minLowerCase: 1,
      minUpperCase: 1,
      minNumber: 1,
      minSymbol: 1,
      dictionary: { common: { exclude: true } },
    },
    age: { maxAgeDays: 60, expireWarnDays: 7, minAgeMinutes: 1440, historyCount: 5 },
    lockout: { maxAttempts: 10, autoUnlockMinutes: 0, showLockoutFailures: true },
  });
  find(b, 'PASSWORD', 'Default Policy').settings = stig;
  addPolicy(
    b,
    {
      type: 'PASSWORD',
      name: 'Contractor passwords',
      description: 'Contractors rotate more often',
      conditions: {
        people: { groups: { include: groupIds(groups, 'Contractors') } },
        authProvider: { provider: 'OKTA' },
      },
      settings: passwordSettings({ ...stig.password, age: { ...stig.password.age, maxAgeDays: 30 } }),
    },
    [
      {
        name: 'Contractor rule',
        conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
        actions: {
          passwordChange: { access: 'ALLOW' },
          selfServicePasswordReset: { access: 'DENY' },
          selfServiceUnlock: { access: 'DENY' },
        },
      },
    ],
    401,
  );

  addPolicy(
    b,
    {
      type: 'MFA_ENROLL',
      name: 'Administrators',
      description: 'Admins enroll phishing-resistant authenticators',
      conditions: { people: { groups: { include: groupIds(groups, 'Okta Admins', 'IT Support') } } },
      settings: {
        type: 'AUTHENTICATORS',
        authenticators: [
          { key: 'smart_card_idp', enroll: { self: 'REQUIRED' } },
          { key: 'okta_verify', enroll: { self: 'REQUIRED' } },
          { key: 'webauthn', enroll: { self: 'OPTIONAL' } },
          { key: 'okta_password', enroll: { self: 'REQUIRED' } },
        ],
      },
    },
    [
      {
        name: 'Admins enroll on network',
        conditions: { people: { users: { exclude: [] } }, network: onNetwork },
        actions: { enroll: { self: 'LOGIN' } },
      },
    ],
    402,
  );

  // Okta's own apps: two factors, one of them phishing-resistant, only from the corporate zones.
  for (const name of ['Okta Admin Console', 'Okta Dashboard']) {
    for (const rule of rulesOf(b, find(b, 'ACCESS_POLICY', name))) {
      const reauth = name === 'Okta Admin Console' ? 'PT2H' : 'PT12H';
      rule.actions = rule.system
        ? appSignOn('DENY', '2FA', 'PT0S', PHISHING_RESISTANT)
        : appSignOn('ALLOW', '2FA', reauth, PHISHING_RESISTANT);
      if (!rule.system) rule.conditions = { network: onNetwork, people: { users: { exclude: [] } } };
    }
  }
  // Apps left on the default app sign-in policy (new apps, the Browser Plugin) are zone-restricted too.
  const defaultAccess = find(b, 'ACCESS_POLICY', 'Default Policy');
  for (const rule of rulesOf(b, defaultAccess)) rule.actions = appSignOn('DENY', '2FA', 'PT0S', PHISHING_RESISTANT);
  addRules(
    b,
    defaultAccess,
    [
      {
        name: 'On network, two factors',
        priority: 1,
        conditions: { network: onNetwork, people: { users: { exclude: [] } } },
        actions: appSignOn('ALLOW', '2FA', 'PT8H'),
      },
    ],
    403,
  );

  // Smart-card users are routed to the DoD CAC IdP, ahead of the default route to Okta.
  const discovery = find(b, 'IDP_DISCOVERY', 'Idp Discovery Policy');
  const rule = {
    id: b.id('0pr'),
    name: 'Smart card users',
    status: 'ACTIVE',
    priority: 1,
    system: false,
    type: 'IDP_DISCOVERY',
    created: b.at(403),
    lastUpdated: b.at(403),
    conditions: {
      network: onNetwork,
      platform: { include: [], exclude: [] },
      userIdentifier: { type: 'IDENTIFIER', patterns: [{ matchType: 'SUFFIX', value: '.mil' }] },
      app: { include: [], exclude: [] },
    },
    actions: { idp: { providers: [{ type: 'X509', id: zones.smartCardIdp }], idpSelectionType: 'SPECIFIC' } },
  };
  b.org.data.table(`rules:${discovery.id}`).set(rule.id, rule);
  for (const r of rulesOf(b, discovery)) if (r.system) r.priority = 2;
}
