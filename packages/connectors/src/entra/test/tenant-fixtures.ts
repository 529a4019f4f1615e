/**
 * One small tenant, each object shaped on the example responses of Microsoft Graph's v1.0 API
 * reference (ids, property names and `@odata.type` values as documented; values invented).
 */
type Json = Record<string, unknown>;

export const GROUP_IDS = [
  '02bd9fd6-8f93-4758-87c3-1fb73740a315',
  '45b7d2e7-b882-4a80-ba97-10b7a63b8fa4',
  'a1b2c3d4-0000-4000-8000-00000000000a',
];
export const USER_IDS = Array.from({ length: 5 }, (_, i) => `87d349ed-44d7-43e1-9a83-5f2406dee5b${i}`);

export const user = (id: string, n: number): Json => ({
  id,
  displayName: `User ${n}`,
  userPrincipalName: `user${n}@contoso.example`,
  mail: `user${n}@contoso.example`,
  businessPhones: [],
  jobTitle: null,
});

export const application: Json = {
  id: '00af5dfb-85da-4b41-a677-0c6b86dd34f8',
  appId: '0b2d1a3e-7c4f-4e6b-8a9d-1f2e3d4c5b6a',
  displayName: 'Payroll connector',
  signInAudience: 'AzureADMyOrg',
  'owners@odata.navigationLink': 'applications/00af5dfb-85da-4b41-a677-0c6b86dd34f8/owners',
  passwordCredentials: [
    {
      customKeyIdentifier: null,
      displayName: 'ci',
      endDateTime: '2027-06-01T00:00:00Z',
      hint: 'Qx~',
      keyId: '1a2b3c4d-0000-4000-8000-000000000001',
      secretText: 'Qx~8Q~leaked-secret-value-0123456789',
      startDateTime: '2026-06-01T00:00:00Z',
    },
  ],
  keyCredentials: [
    {
      customKeyIdentifier: 'A1B2C3',
      displayName: 'CN=payroll',
      endDateTime: '2027-06-01T00:00:00Z',
      key: 'MIIDHTCCAgWgAwIBAgIUkeymaterial',
      keyId: '1a2b3c4d-0000-4000-8000-000000000002',
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    },
  ],
};

export const caPolicy: Json = {
  id: '3a8c9b0e-5e2f-4a6b-8c3d-9e0f1a2b3c4d',
  displayName: 'Require MFA for admins',
  state: 'enabled',
  createdDateTime: '2026-01-01T00:00:00Z',
  modifiedDateTime: '2026-11-01T00:00:00Z',
  conditions: {
    users: {
      includeUsers: [],
      excludeUsers: [],
      includeGroups: [GROUP_IDS[0]],
      excludeGroups: [],
      includeRoles: ['62e90394-69f5-4237-9190-012177145e10'],
      excludeRoles: [],
    },
    applications: { includeApplications: ['All'], excludeApplications: [] },
    locations: { includeLocations: ['All'], excludeLocations: ['0824dbaf-6277-4db0-8112-b29fd356f2c4'] },
    clientAppTypes: ['all'],
  },
  grantControls: {
    operator: 'OR',
    builtInControls: [],
    authenticationStrength: { id: '00000000-0000-0000-0000-000000000002' },
  },
};

export function tenantData(): { collections: Record<string, Json[]>; singletons: Record<string, Json> } {
  const members = (ids: string[]) => ids.map((id) => ({ '@odata.type': '#microsoft.graph.user', id }));
  return {
    collections: {
      '/identity/conditionalAccess/policies': [caPolicy],
      '/identity/conditionalAccess/namedLocations': [
        {
          '@odata.type': '#microsoft.graph.ipNamedLocation',
          id: '0824dbaf-6277-4db0-8112-b29fd356f2c4',
          displayName: 'HQ',
          isTrusted: true,
          ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
        },
      ],
      '/identity/conditionalAccess/authenticationContextClassReferences': [
        { id: 'c1', displayName: 'Sensitive', isAvailable: true },
      ],
      '/policies/authenticationStrengthPolicies': [
        {
          id: '00000000-0000-0000-0000-000000000002',
          displayName: 'Multifactor authentication',
          policyType: 'builtIn',
          allowedCombinations: ['password,microsoftAuthenticatorPush'],
        },
      ],
      '/policies/crossTenantAccessPolicy/partners': [
        { tenantId: '9c5d131d-b1c3-4fc4-9e3f-c6557947d551', isServiceProvider: true, inboundTrust: null },
      ],
      '/policies/permissionGrantPolicies': [
        { id: 'microsoft-user-default-low', displayName: 'Default low', includes: [], excludes: [] },
      ],
      '/policies/appManagementPolicies': [],
      '/policies/tokenLifetimePolicies': [
        {
          id: '4d2f137b-e8a9-46da-a5c3-cc85b2b840a4',
          definition: ['{"TokenLifetimePolicy":{"Version":1}}'],
          displayName: 'Short',
          isOrganizationDefault: false,
        },
      ],
      '/policies/tokenIssuancePolicies': [],
      '/policies/claimsMappingPolicies': [],
      '/policies/homeRealmDiscoveryPolicies': [],
      '/applications': [application],
      [`/applications/${application.id}/federatedIdentityCredentials`]: [
        {
          id: 'bdad0963-4a7a-43ae-b569-e67e0da28f02',
          name: 'github-main',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:contoso/payroll:ref:refs/heads/main',
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
      '/servicePrincipals': [
        {
          id: 'b9a5e7c1-0000-4000-8000-0000000000sp',
          appId: application.appId,
          displayName: 'Payroll connector',
          passwordCredentials: [],
          keyCredentials: [],
        },
      ],
      '/servicePrincipals/b9a5e7c1-0000-4000-8000-0000000000sp/appRoleAssignedTo': [
        {
          id: 'mvUm2QHz80mBf1ehQ3SGq4Q',
          appRoleId: '00000000-0000-0000-0000-000000000000',
          principalId: GROUP_IDS[0],
          principalType: 'Group',
          resourceId: 'b9a5e7c1-0000-4000-8000-0000000000sp',
        },
      ],
      '/oauth2PermissionGrants': [],
      '/directoryRoles': [
        {
          id: 'f8e85ed8-f66f-4058-b170-3efae8b9afe5',
          displayName: 'Global Administrator',
          roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
        },
      ],
      '/roleManagement/directory/roleDefinitions': [
        {
          id: '62e90394-69f5-4237-9190-012177145e10',
          displayName: 'Global Administrator',
          isBuiltIn: true,
          templateId: '62e90394-69f5-4237-9190-012177145e10',
        },
      ],
      '/roleManagement/directory/roleAssignments': [
        {
          id: 'lAPpYvVpN0KRkAEhdxReEJC2sEqbR_9Hr48lds9SGHI-1',
          principalId: USER_IDS[0],
          roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
          directoryScopeId: '/',
        },
      ],
      '/roleManagement/directory/roleEligibilityScheduleInstances': [],
      '/roleManagement/directory/roleAssignmentScheduleInstances': [],
      '/policies/roleManagementPolicies': [
        {
          id: 'DirectoryRole_6f1c_62e90394',
          displayName: 'DirectoryRole',
          scopeId: '/',
          scopeType: 'Directory',
          rules: [],
        },
      ],
      '/policies/roleManagementPolicyAssignments': [],
      '/groups': GROUP_IDS.map((id, i) => ({
        id,
        displayName: `Group ${i}`,
        securityEnabled: true,
        mailEnabled: false,
        groupTypes: [],
      })),
      [`/groups/${GROUP_IDS[0]}/members`]: members([USER_IDS[2]!, USER_IDS[0]!, USER_IDS[1]!]),
      [`/groups/${GROUP_IDS[1]}/members`]: [],
      [`/groups/${GROUP_IDS[2]}/members`]: members([USER_IDS[3]!]),
      [`/groups/${GROUP_IDS[0]}/owners`]: members([USER_IDS[0]!]),
      [`/groups/${GROUP_IDS[1]}/owners`]: [],
      [`/groups/${GROUP_IDS[2]}/owners`]: [],
      '/directory/administrativeUnits': [],
      '/users': USER_IDS.map(user),
      '/domains': [
        {
          id: 'contoso.example',
          isDefault: true,
          isVerified: true,
          authenticationType: 'Managed',
          supportedServices: ['Email'],
        },
      ],
      '/organization': [
        { id: TENANT_ID, displayName: 'Contoso', verifiedDomains: [{ name: 'contoso.example', isDefault: true }] },
      ],
      '/settings': [
        {
          id: 'f0b2d6f5-097d-4177-91af-a24e530b53cc',
          displayName: 'Group.Unified',
          templateId: '62375ab9-6b52-47ed-826b-58e47e0e304b',
          values: [],
        },
      ],
      '/subscribedSkus': [
        { id: '6f1c_c7df2760', skuPartNumber: 'AAD_PREMIUM_P2', consumedUnits: 3, capabilityStatus: 'Enabled' },
      ],
    },
    singletons: {
      '/policies/authenticationMethodsPolicy': {
        id: 'authenticationMethodsPolicy',
        displayName: 'Authentication Methods Policy',
        policyVersion: '1.5',
        registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: 'default' } },
        authenticationMethodConfigurations: [
          {
            '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
            id: 'Fido2',
            state: 'enabled',
            includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false }],
          },
          {
            '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
            id: 'Sms',
            state: 'disabled',
            includeTargets: [],
          },
        ],
      },
      '/policies/crossTenantAccessPolicy': {
        id: 'crossTenantAccessPolicy',
        displayName: 'CrossTenantAccessPolicy',
        allowedCloudEndpoints: [],
      },
      '/policies/crossTenantAccessPolicy/default': {
        id: 'default',
        isServiceDefault: true,
        b2bCollaborationInbound: { usersAndGroups: { accessType: 'allowed' } },
      },
      '/policies/identitySecurityDefaultsEnforcementPolicy': {
        id: '00000000-0000-0000-0000-000000000005',
        displayName: 'Security Defaults',
        isEnabled: false,
      },
      '/policies/authorizationPolicy': {
        id: 'authorizationPolicy',
        allowInvitesFrom: 'adminsAndGuestInviters',
        defaultUserRolePermissions: { allowedToCreateApps: false },
      },
      '/policies/adminConsentRequestPolicy': { isEnabled: false, notifyReviewers: false, reviewers: [], version: 0 },
      '/policies/defaultAppManagementPolicy': {
        id: '00000000-0000-0000-0000-000000000000',
        displayName: 'Default app management tenant policy',
        isEnabled: false,
      },
    },
  };
}
const TENANT_ID = '6f1c4a5e-2b7d-4c1e-9a3f-0d8e7b6c5a41';
