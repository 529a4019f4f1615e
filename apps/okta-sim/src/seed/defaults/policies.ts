import type { Json } from '../../model/types.ts';
import { addPolicy, type TBuild } from '../build.ts';

const everyone = (id: string) => ({ people: { groups: { include: [id] } } });

/** An app sign-in rule's `appSignOn` action. */
export const appSignOn = (
  access: 'ALLOW' | 'DENY',
  factorMode: '1FA' | '2FA',
  reauthenticateIn: string,
  constraints: Json[] = [],
) => ({
  appSignOn: { access, verificationMethod: { factorMode, type: 'ASSURANCE', reauthenticateIn, constraints } },
});

export const signOnSession = (idle: number, lifetime: number, persistent: boolean) => ({
  maxSessionIdleMinutes: idle,
  maxSessionLifetimeMinutes: lifetime,
  usePersistentCookie: persistent,
});

/** The password settings of Okta's default password policy (`list-password-policy-response`). */
export const passwordSettings = (overrides: { complexity?: Json; age?: Json; lockout?: Json } = {}) => ({
  password: {
    complexity: {
      minLength: 8,
      minLowerCase: 1,
      minUpperCase: 1,
      minNumber: 1,
      minSymbol: 0,
      excludeUsername: true,
      dictionary: { common: { exclude: false } },
      excludeAttributes: [],
      ...overrides.complexity,
    },
    age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 4, ...overrides.age },
    lockout: {
      maxAttempts: 10,
      autoUnlockMinutes: 0,
      userLockoutNotificationChannels: [],
      showLockoutFailures: false,
      ...overrides.lockout,
    },
  },
  recovery: {
    factors: {
      recovery_question: { status: 'INACTIVE', properties: { complexity: { minLength: 4 } } },
      okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } },
      okta_sms: { status: 'INACTIVE' },
      okta_call: { status: 'INACTIVE' },
    },
  },
  delegation: { options: { skipUnlock: false } },
});

export interface TDefaultPolicies {
  signOn: string;
  password: string;
  defaultAccess: string;
  adminConsole: string;
  dashboard: string;
}

/** One policy of every type in the `PolicyType` enum, as a new org has them. */
export function buildDefaultPolicies(b: TBuild, everyoneId: string): TDefaultPolicies {
  const anywhere = { network: { connection: 'ANYWHERE' }, people: { users: { exclude: [] } } };
  const signOn = addPolicy(
    b,
    {
      type: 'OKTA_SIGN_ON',
      name: 'Default Policy',
      description: 'The default policy applies in all situations if no other policy applies.',
      system: true,
      conditions: everyone(everyoneId),
    },
    [
      {
        name: 'Default Rule',
        system: true,
        conditions: { ...anywhere, riskScore: { level: 'ANY' }, identityProvider: { provider: 'ANY' } },
        actions: {
          signon: {
            access: 'ALLOW',
            requireFactor: false,
            primaryFactor: 'PASSWORD_IDP_ANY_FACTOR',
            rememberDeviceByDefault: false,
            factorPromptMode: 'ALWAYS',
            factorLifetime: 15,
            session: signOnSession(120, 0, false),
          },
        },
      },
    ],
  );
  const password = addPolicy(
    b,
    {
      type: 'PASSWORD',
      name: 'Default Policy',
      description: 'The default policy applies in all situations if no other policy applies.',
      system: true,
      conditions: { ...everyone(everyoneId), authProvider: { provider: 'OKTA' } },
      settings: passwordSettings(),
    },
    [
      {
        name: 'Default Rule',
        system: true,
        conditions: anywhere,
        actions: {
          passwordChange: { access: 'ALLOW' },
          selfServicePasswordReset: {
            access: 'ALLOW',
            requirement: { primary: { methods: ['email'] }, stepUp: { required: false } },
          },
          selfServiceUnlock: { access: 'DENY' },
        },
      },
    ],
  );
  addPolicy(
    b,
    {
      type: 'MFA_ENROLL',
      name: 'Default Policy',
      system: true,
      conditions: everyone(everyoneId),
      settings: {
        type: 'AUTHENTICATORS',
        authenticators: [
          { key: 'okta_email', enroll: { self: 'REQUIRED' } },
          { key: 'okta_password', enroll: { self: 'REQUIRED' } },
          { key: 'okta_verify', enroll: { self: 'OPTIONAL' } },
          { key: 'webauthn', enroll: { self: 'OPTIONAL' } },
        ],
      },
    },
    [{ name: 'Default Rule', system: true, conditions: anywhere, actions: { enroll: { self: 'CHALLENGE' } } }],
  );
  const twoFactor = appSignOn('ALLOW', '2FA', 'PT12H');
  const defaultAccess = addPolicy(
    b,
    { type: 'ACCESS_POLICY', name: 'Default Policy', description: 'The default app sign-in policy', system: true },
    [{ name: 'Catch-all Rule', system: true, priority: 99, actions: twoFactor }],
  );
  const adminConsole = addPolicy(
    b,
    { type: 'ACCESS_POLICY', name: 'Okta Admin Console', description: 'Okta Admin Console app sign-in policy' },
    [
      { name: 'Admin Console Rule', conditions: null, actions: appSignOn('ALLOW', '2FA', 'PT12H') },
      { name: 'Catch-all Rule', system: true, actions: appSignOn('DENY', '2FA', 'PT0S') },
    ],
  );
  const dashboard = addPolicy(
    b,
    { type: 'ACCESS_POLICY', name: 'Okta Dashboard', description: 'Okta Dashboard app sign-in policy' },
    [
      { name: 'Dashboard Rule', conditions: null, actions: appSignOn('ALLOW', '2FA', 'PT12H') },
      { name: 'Catch-all Rule', system: true, actions: appSignOn('DENY', '2FA', 'PT0S') },
    ],
  );
  addPolicy(b, { type: 'PROFILE_ENROLLMENT', name: 'Default Policy', system: true }, [
    {
      name: 'Catch-all Rule',
      system: true,
      actions: {
        profileEnrollment: {
          access: 'ALLOW',
          preRegistrationInlineHooks: null,
          profileAttributes: [{ name: 'email', label: 'Email', required: true }],
          targetGroupIds: null,
          unknownUserAction: 'DENY',
          activationRequirements: { emailVerification: true },
          progressiveProfilingAction: 'DISABLED',
        },
      },
    },
  ]);
  addPolicy(b, { type: 'IDP_DISCOVERY', name: 'Idp Discovery Policy', system: true }, [
    {
      name: 'Default Rule',
      system: true,
      conditions: {
        network: { connection: 'ANYWHERE' },
        platform: { include: [], exclude: [] },
        userIdentifier: { patterns: [] },
        app: { include: [], exclude: [] },
      },
      actions: { idp: { providers: [{ type: 'OKTA' }], idpSelectionType: 'SPECIFIC' } },
    },
  ]);
  const readOnly: [string, string, Json][] = [
    ['ENTITY_RISK', 'Entity Risk Policy', { entityRisk: { actions: [] } }],
    ['POST_AUTH_SESSION', 'Session Protection', { postAuthSession: { failureActions: [] } }],
    [
      'SESSION_VIOLATION_DETECTION',
      'Session Violation Detection Policy',
      { sessionViolationDetection: { policyEvaluation: 'ENABLED' } },
    ],
    ['DEVICE_SIGNAL_COLLECTION', 'Default Policy', { deviceSignalCollection: { deviceContextProviders: [] } }],
    [
      'CLIENT_UPDATE',
      'Okta Verify Release Policy',
      { updateControls: { actions: [{ action: 'OKTA_VERIFY_UPDATE', value: 'ALLOW' }] } },
    ],
    ['IDENTITY_CLAIM_SOURCING', 'Identity Claims Sourcing Policy', { identityClaimSourcing: { sources: [] } }],
  ];
  for (const [type, name, actions] of readOnly)
    addPolicy(b, { type, name, system: true }, [{ name: 'Default Rule', system: true, actions }]);
  return {
    signOn: signOn.id,
    password: password.id,
    defaultAccess: defaultAccess.id,
    adminConsole: adminConsole.id,
    dashboard: dashboard.id,
  };
}
