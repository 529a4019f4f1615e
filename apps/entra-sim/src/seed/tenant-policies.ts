import { seededGuid } from '../model/ids.ts';
import type { Tenant } from '../store/tenant.ts';

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
