import { seededGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import { GLOBAL_ADMIN } from './roles.ts';

const AT = '2024-05-01T10:00:00Z';

const conditions = (more: Record<string, unknown> = {}) => ({
  users: {
    includeUsers: ['All'],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    includeGuestsOrExternalUsers: null,
    excludeGuestsOrExternalUsers: null,
  },
  applications: {
    includeApplications: ['All'],
    excludeApplications: [],
    includeUserActions: [],
    includeAuthenticationContextClassReferences: [],
    applicationFilter: null,
  },
  clientAppTypes: ['all'],
  platforms: null,
  locations: null,
  userRiskLevels: [],
  signInRiskLevels: [],
  servicePrincipalRiskLevels: [],
  devices: null,
  clientApplications: null,
  authenticationFlows: null,
  ...more,
});

function ca(
  t: Tenant,
  i: number,
  displayName: string,
  state: string,
  cond: Record<string, unknown>,
  grant: Record<string, unknown> | null,
): TObj {
  return t.add('identity/conditionalAccess/policies', {
    id: seededGuid(t.id, 'ca', i),
    templateId: null,
    displayName,
    createdDateTime: AT,
    modifiedDateTime: null,
    state,
    sessionControls: null,
    conditions: cond,
    grantControls: grant && {
      operator: 'OR',
      builtInControls: [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
      ...grant,
    },
  });
}

/**
 * CA policies. Passing on purpose: MFA for all (MS.AAD.3.2). Failing on purpose: no enabled
 * legacy-auth block (1.1: it exists but is disabled), high-risk sign-ins only report-only (2.3), no
 * high-risk user block (2.1), no phishing-resistant strength for all (3.1), no device-code block (3.9).
 */
export function seedConditionalAccess(t: Tenant, breakGlassId: string) {
  const exclude = { excludeUsers: [breakGlassId] };
  const base = (more: Record<string, unknown> = {}) =>
    conditions({ users: { ...conditions().users, ...exclude }, ...more });
  ca(t, 0, 'Require MFA for all users', 'enabled', base(), { builtInControls: ['mfa'] });
  ca(t, 1, 'Block legacy authentication', 'disabled', base({ clientAppTypes: ['exchangeActiveSync', 'other'] }), {
    builtInControls: ['block'],
  });
  ca(t, 2, 'Block high-risk sign-ins', 'enabledForReportingButNotEnforced', base({ signInRiskLevels: ['high'] }), {
    builtInControls: ['block'],
  });
  ca(
    t,
    3,
    'Admins use MFA',
    'enabled',
    conditions({ users: { ...conditions().users, includeUsers: [], includeRoles: [GLOBAL_ADMIN] } }),
    { builtInControls: ['mfa'] },
  );
  ca(
    t,
    4,
    'Trusted locations only for finance app',
    'enabled',
    base({ locations: { includeLocations: ['All'], excludeLocations: [seededGuid(t.id, 'loc', 0)] } }),
    { builtInControls: ['block'] },
  );
  t.add('identity/conditionalAccess/namedLocations', {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: seededGuid(t.id, 'loc', 0),
    displayName: 'Head office',
    createdDateTime: AT,
    modifiedDateTime: AT,
    isTrusted: true,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
  });
  t.add('identity/conditionalAccess/namedLocations', {
    '@odata.type': '#microsoft.graph.countryNamedLocation',
    id: seededGuid(t.id, 'loc', 1),
    displayName: 'Blocked countries',
    createdDateTime: AT,
    modifiedDateTime: AT,
    countriesAndRegions: ['KP', 'IR'],
    includeUnknownCountriesAndRegions: true,
    countryLookupMethod: 'clientIpAddress',
  });
  t.add('identity/conditionalAccess/authenticationContextClassReferences', {
    id: 'c1',
    displayName: 'Sensitive actions',
    description: 'Step-up for sensitive actions',
    isAvailable: true,
  });
}

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

/**
 * Authorization, consent and app-credential policies. Failing on purpose: users may register apps
 * (MS.AAD.5.1), the legacy user-consent policy is assigned (5.2), no admin consent workflow (5.3),
 * app passwords allowed and secrets live a year (5.5, 5.6), guests have member-level access (8.1),
 * everyone may invite (8.2). Certificates are capped at a year (5.7 passes).
 */
export function seedTenantPolicies(t: Tenant) {
  const s = t.singletons;
  s.set('policies/authorizationPolicy', {
    id: 'authorizationPolicy',
    displayName: 'Authorization Policy',
    description: 'Used to manage authorization related settings across the company.',
    allowInvitesFrom: 'everyone',
    allowedToSignUpEmailBasedSubscriptions: true,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: false,
    allowUserConsentForRiskyApps: null,
    blockMsolPowerShell: false,
    guestUserRoleId: 'a0b1b346-4d3e-4e8b-98f8-753987be4970',
    permissionGrantPolicyIdsAssignedToDefaultUserRole: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    defaultUserRolePermissions: {
      allowedToCreateApps: true,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    },
  });
  s.set('policies/identitySecurityDefaultsEnforcementPolicy', {
    id: '00000000-0000-0000-0000-000000000005',
    displayName: 'Security Defaults',
    description: 'Security defaults is a set of basic identity security mechanisms recommended by Microsoft.',
    isEnabled: false,
  });
  s.set('policies/adminConsentRequestPolicy', {
    id: 'adminConsentRequestPolicy',
    isEnabled: false,
    notifyReviewers: false,
    remindersEnabled: false,
    requestDurationInDays: 30,
    version: 0,
    reviewers: [],
  });
  s.set('policies/defaultAppManagementPolicy', {
    id: '00000000-0000-0000-0000-000000000000',
    displayName: 'Default app management tenant policy',
    description:
      'Default tenant policy that enforces app management restrictions on applications and service principals.',
    isEnabled: true,
    applicationRestrictions: {
      passwordCredentials: [
        {
          restrictionType: 'passwordAddition',
          state: 'disabled',
          maxLifetime: null,
          restrictForAppsCreatedAfterDateTime: '2024-01-01T00:00:00Z',
        },
        {
          restrictionType: 'passwordLifetime',
          state: 'enabled',
          maxLifetime: 'P365D',
          restrictForAppsCreatedAfterDateTime: '2024-01-01T00:00:00Z',
        },
      ],
      keyCredentials: [
        {
          restrictionType: 'asymmetricKeyLifetime',
          state: 'enabled',
          maxLifetime: 'P365D',
          restrictForAppsCreatedAfterDateTime: '2024-01-01T00:00:00Z',
        },
      ],
    },
    servicePrincipalRestrictions: { passwordCredentials: [], keyCredentials: [] },
  });
  s.set('policies/crossTenantAccessPolicy', {
    id: 'crossTenantAccessPolicy',
    displayName: 'CrossTenantAccessPolicy',
    allowedCloudEndpoints: [],
  });
  const all = { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] };
  s.set('policies/crossTenantAccessPolicy/default', {
    id: 'default',
    isServiceDefault: true,
    inboundTrust: {
      isMfaAccepted: false,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    },
    b2bCollaborationInbound: {
      usersAndGroups: all,
      applications: { accessType: 'allowed', targets: [{ target: 'AllApplications', targetType: 'application' }] },
    },
    b2bCollaborationOutbound: { usersAndGroups: all },
    b2bDirectConnectInbound: null,
    b2bDirectConnectOutbound: null,
  });
  t.add('policies/crossTenantAccessPolicy/partners', {
    id: '9c5fd9ab-2f4b-4c5a-8f0e-2f6a8e3b2d11',
    tenantId: '9c5fd9ab-2f4b-4c5a-8f0e-2f6a8e3b2d11',
    isServiceProvider: false,
    inboundTrust: { isMfaAccepted: true, isCompliantDeviceAccepted: false, isHybridAzureADJoinedDeviceAccepted: false },
  });
  for (const [id, displayName] of [
    ['microsoft-user-default-legacy', 'Default User Legacy Policy'],
    ['microsoft-user-default-low', 'Default User Low Risk Policy'],
    ['microsoft-all-application-permissions', 'All application permissions, for any client app'],
  ] as const)
    t.add('policies/permissionGrantPolicies', {
      id,
      displayName,
      description: displayName,
      includes: [
        {
          id: seededGuid(id),
          permissionType: 'delegated',
          clientApplicationIds: ['all'],
          permissions: ['all'],
          resourceApplication: 'any',
        },
      ],
      excludes: [],
    });
  t.add('policies/appManagementPolicies', {
    id: seededGuid(t.id, 'amp', 0),
    displayName: 'Legacy apps: one-year secrets',
    description: 'Exception for legacy apps',
    isEnabled: true,
    restrictions: {
      passwordCredentials: [
        {
          restrictionType: 'passwordLifetime',
          maxLifetime: 'P365D',
          restrictForAppsCreatedAfterDateTime: '2020-01-01T00:00:00Z',
        },
      ],
      keyCredentials: [],
    },
  });
  t.add('policies/tokenLifetimePolicies', {
    id: seededGuid(t.id, 'tlp', 0),
    displayName: 'Short access tokens',
    definition: ['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"01:00:00"}}'],
    isOrganizationDefault: false,
  });
  t.add('policies/homeRealmDiscoveryPolicies', {
    id: seededGuid(t.id, 'hrd', 0),
    displayName: 'Auto-accelerate to federated IdP',
    definition: ['{"HomeRealmDiscoveryPolicy":{"AccelerateToFederatedDomain":false}}'],
    isOrganizationDefault: false,
  });
  // beta /settings: the Consent Policy Settings template with admin consent requests off (MS.AAD.5.3).
  t.add('settings', {
    id: seededGuid(t.id, 'setting', 0),
    displayName: 'Consent Policy Settings',
    templateId: 'dffd5d46-495d-40a9-8e21-954ff55e198a',
    values: [
      { name: 'EnableGroupSpecificConsent', value: 'false' },
      { name: 'BlockUserConsentForRiskyApps', value: 'true' },
      { name: 'EnableAdminConsentRequests', value: 'false' },
    ],
  });
}
