import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';

const AT = '2024-05-01T10:00:00Z';

const method = (id: string, state: string, more: Record<string, unknown> = {}): TObj => ({
  '@odata.type': `#microsoft.graph.${id[0]!.toLowerCase()}${id.slice(1)}AuthenticationMethodConfiguration`,
  id,
  state,
  excludeTargets: [],
  includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false }],
  ...more,
});

/** Auth methods: migration in progress (MS.AAD.3.4 fails) and SMS enabled (3.5 fails); Authenticator shows context (3.3 passes). */
export function seedAuthMethods(t: Tenant) {
  t.singletons.set('policies/authenticationMethodsPolicy', {
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description: 'The tenant-wide policy that controls which authentication methods are allowed.',
    lastModifiedDateTime: AT,
    policyVersion: '1.5',
    policyMigrationState: 'migrationInProgress',
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        state: 'default',
        excludeTargets: [],
        includeTargets: [
          { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
        ],
      },
    },
  });
  const store = 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations';
  const feature = (state: string) => ({
    state,
    includeTarget: { targetType: 'group', id: 'all_users' },
    excludeTarget: { targetType: 'group', id: '00000000-0000-0000-0000-000000000000' },
  });
  for (const m of [
    method('Fido2', 'enabled', {
      isAttestationEnforced: true,
      isSelfServiceRegistrationAllowed: true,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
    }),
    method('MicrosoftAuthenticator', 'enabled', {
      isSoftwareOathEnabled: false,
      featureSettings: {
        displayAppInformationRequiredState: feature('enabled'),
        displayLocationInformationRequiredState: feature('enabled'),
        numberMatchingRequiredState: feature('enabled'),
      },
    }),
    method('Sms', 'enabled'),
    method('Voice', 'disabled', { isOfficePhoneAllowed: false }),
    method('Email', 'disabled', { allowExternalIdToUseEmailOtp: 'default' }),
    method('TemporaryAccessPass', 'enabled', {
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      isUsableOnce: false,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
    }),
    method('SoftwareOath', 'disabled'),
    method('X509Certificate', 'disabled', {
      certificateUserBindings: [],
      authenticationModeConfiguration: {
        x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor',
        rules: [],
      },
    }),
  ])
    t.add(store, m);
  const strength = (n: number, displayName: string, allowedCombinations: string[]) =>
    t.add('policies/authenticationStrengthPolicies', {
      id: `00000000-0000-0000-0000-00000000000${n}`,
      displayName,
      description: displayName,
      policyType: 'builtIn',
      requirementsSatisfied: 'mfa',
      allowedCombinations,
      createdDateTime: '2021-12-01T00:00:00Z',
      modifiedDateTime: '2021-12-01T00:00:00Z',
    });
  strength(2, 'Multifactor authentication', [
    'windowsHelloForBusiness',
    'fido2',
    'x509CertificateMultiFactor',
    'deviceBasedPush',
    'temporaryAccessPassOneTime',
    'password,microsoftAuthenticatorPush',
    'password,sms',
    'password,voice',
  ]);
  strength(3, 'Passwordless MFA', [
    'windowsHelloForBusiness',
    'fido2',
    'x509CertificateMultiFactor',
    'deviceBasedPush',
  ]);
  strength(4, 'Phishing-resistant MFA', ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor']);
}
