/**
 * Hand-written Okta policy JSON in the shapes of the Management API's OpenAPI description
 * (OktaSignOnPolicyRule, PasswordPolicy, AccessPolicyRule), set up to satisfy every rule.
 */
const stamp = { created: '2026-01-05T10:00:00.000Z', lastUpdated: '2026-10-01T09:30:00.000Z' };
const everyone = { people: { groups: { include: ['00g1everyone'] } } };

export const signOnPolicies = () => [
  {
    id: '00p1gsdefault',
    body: {
      id: '00p1gsdefault',
      type: 'OKTA_SIGN_ON',
      name: 'Default Policy',
      status: 'ACTIVE',
      priority: 1,
      system: true,
      description: 'The default policy applies in all situations if no other policy applies.',
      conditions: everyone,
      ...stamp,
    },
  },
];

const session = (idle: number, lifetime: number, persistent: boolean) => ({
  usePersistentCookie: persistent,
  maxSessionIdleMinutes: idle,
  maxSessionLifetimeMinutes: lifetime,
});

export const signOnRules = () => [
  {
    id: '00p1gsdefault/0pr1stig',
    body: {
      id: '0pr1stig',
      type: 'SIGN_ON',
      name: 'STIG session',
      status: 'ACTIVE',
      priority: 1,
      system: false,
      ...stamp,
      conditions: {
        people: { users: { exclude: [] } },
        network: { connection: 'ZONE', include: ['nzo1corp'] },
        authContext: { authType: 'ANY' },
      },
      actions: {
        signon: {
          access: 'ALLOW',
          requireFactor: false,
          primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
          rememberDeviceByDefault: false,
          session: session(15, 1080, false),
        },
      },
    },
  },
  {
    id: '00p1gsdefault/0pr1default',
    body: {
      id: '0pr1default',
      type: 'SIGN_ON',
      name: 'Default Rule',
      status: 'ACTIVE',
      priority: 2,
      system: true,
      ...stamp,
      conditions: {
        people: { users: { exclude: [] } },
        network: { connection: 'ANYWHERE' },
        authContext: { authType: 'ANY' },
      },
      // Reachable by every sign-in off the corporate zone, so it is set compliant too (decision 036).
      actions: {
        signon: {
          access: 'ALLOW',
          requireFactor: false,
          primaryFactor: 'PASSWORD_IDP',
          rememberDeviceByDefault: false,
          session: session(15, 1080, false),
        },
      },
    },
  },
];

export const passwordPolicies = () => [
  {
    id: '00p1pwdefault',
    body: {
      id: '00p1pwdefault',
      type: 'PASSWORD',
      name: 'Default Policy',
      status: 'ACTIVE',
      priority: 1,
      system: true,
      ...stamp,
      conditions: { ...everyone, authProvider: { provider: 'OKTA' } },
      settings: {
        password: {
          complexity: {
            minLength: 15,
            minLowerCase: 1,
            minUpperCase: 1,
            minNumber: 1,
            minSymbol: 1,
            excludeUsername: true,
            excludeAttributes: [],
            dictionary: { common: { exclude: true } },
          },
          age: { maxAgeDays: 60, expireWarnDays: 7, minAgeMinutes: 1440, historyCount: 5 },
          lockout: {
            maxAttempts: 3,
            autoUnlockMinutes: 0,
            showLockoutFailures: false,
            userLockoutNotificationChannels: [],
          },
        },
        recovery: {
          factors: {
            recovery_question: { status: 'INACTIVE' },
            okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } },
          },
        },
        delegation: { options: { skipUnlock: false } },
      },
    },
  },
];

export const accessPolicies = () => [
  {
    id: 'rst1admin',
    body: {
      id: 'rst1admin',
      type: 'ACCESS_POLICY',
      name: 'Okta Admin Console',
      status: 'ACTIVE',
      system: false,
      ...stamp,
    },
  },
  {
    id: 'rst1dash',
    body: { id: 'rst1dash', type: 'ACCESS_POLICY', name: 'Okta Dashboard', status: 'ACTIVE', system: false, ...stamp },
  },
  {
    id: 'rst1apps',
    body: { id: 'rst1apps', type: 'ACCESS_POLICY', name: 'Business apps', status: 'ACTIVE', system: false, ...stamp },
  },
];

const phishingResistant = [
  {
    possession: {
      required: true,
      phishingResistant: 'REQUIRED',
      hardwareProtection: 'OPTIONAL',
      userPresence: 'REQUIRED',
    },
  },
];

export function accessRule(
  policyId: string,
  ruleId: string,
  over: { priority?: number; access?: 'ALLOW' | 'DENY'; system?: boolean; verificationMethod?: unknown } = {},
) {
  return {
    id: `${policyId}/${ruleId}`,
    body: {
      id: ruleId,
      type: 'ACCESS_POLICY',
      name: over.system ? 'Catch-all Rule' : `Rule ${ruleId}`,
      status: 'ACTIVE',
      priority: over.priority ?? 0,
      system: over.system ?? false,
      ...stamp,
      conditions: { network: { connection: 'ZONE', include: ['nzo1corp'] }, people: { users: { exclude: [] } } },
      actions: {
        appSignOn: {
          access: over.access ?? 'ALLOW',
          verificationMethod: over.verificationMethod ?? {
            type: 'ASSURANCE',
            factorMode: '2FA',
            reauthenticateIn: 'PT2H',
            constraints: phishingResistant,
          },
        },
      },
    },
  };
}

export const accessRules = () => [
  accessRule('rst1admin', 'rul1admin'),
  accessRule('rst1admin', 'rul1admincatch', { priority: 99, system: true, access: 'DENY' }),
  accessRule('rst1dash', 'rul1dash'),
  accessRule('rst1dash', 'rul1dashcatch', { priority: 99, system: true, access: 'DENY' }),
  accessRule('rst1apps', 'rul1apps'),
];
