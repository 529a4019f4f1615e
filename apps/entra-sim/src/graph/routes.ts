/**
 * The Graph paths the simulator serves (spec section C, v1.0 unless `beta`), each with the
 * application permissions that may read it and, if writable, write it. A ReadWrite permission also
 * reads. Collection routes serve `<path>` and `<path>/{id}`; `links` routes serve member/owner lists
 * and their `$ref` writes.
 */
export interface TRoute {
  path: string;
  kind: 'collection' | 'singleton' | 'links';
  read: string[];
  write?: string[];
  /** OData type of the items, for `@odata.type` in mixed lists. */
  type: string;
  /** Only under /beta. */
  betaOnly?: boolean;
  /** Deleting moves it to directory/deletedItems: always, or only for Microsoft 365 (Unified) groups. */
  softDelete?: 'always' | 'unified';
  /** Resource units of one GET (default 1; `GET /users` is 2) [THR]. */
  cost?: number;
  /** The older 1 request/s per tenant limit applies (CA and named locations). */
  legacyCa?: boolean;
  service?: string;
}

const POLICY = ['Policy.Read.All'];
const APP = ['Application.Read.All', 'Directory.Read.All'];
const APP_W = ['Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const GROUP = ['Group.Read.All', 'GroupMember.Read.All', 'Directory.Read.All'];
const GROUP_W = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const ROLES = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All'];
const ROLES_W = ['RoleManagement.ReadWrite.Directory'];
const APP_CONF_W = ['Policy.ReadWrite.ApplicationConfiguration'];
const CA_W = ['Policy.ReadWrite.ConditionalAccess'];

const col = (path: string, type: string, read: string[], write?: string[], more: Partial<TRoute> = {}): TRoute => ({
  path,
  kind: 'collection',
  type: `microsoft.graph.${type}`,
  read,
  write,
  ...more,
});
const one = (path: string, type: string, read: string[], write?: string[], more: Partial<TRoute> = {}): TRoute => ({
  ...col(path, type, read, write, more),
  kind: 'singleton',
});
const links = (path: string, read: string[], write: string[]): TRoute => ({
  path,
  kind: 'links',
  type: 'microsoft.graph.directoryObject',
  read,
  write,
});

export const ROUTES: TRoute[] = [
  col('users', 'user', ['User.Read.All', 'Directory.Read.All'], ['User.ReadWrite.All', 'Directory.ReadWrite.All'], {
    softDelete: 'always',
    cost: 2,
  }),
  col('groups', 'group', GROUP, GROUP_W, { softDelete: 'unified' }),
  links('groups/{id}/members', GROUP, ['GroupMember.ReadWrite.All', ...GROUP_W]),
  links('groups/{id}/owners', GROUP, ['GroupMember.ReadWrite.All', ...GROUP_W]),
  col('applications', 'application', APP, APP_W, { softDelete: 'always' }),
  col('applications/{id}/federatedIdentityCredentials', 'federatedIdentityCredential', APP, APP_W),
  links('applications/{id}/owners', APP, APP_W),
  col('servicePrincipals', 'servicePrincipal', APP, APP_W, { softDelete: 'always' }),
  col('servicePrincipals/{id}/appRoleAssignedTo', 'appRoleAssignment', APP, ['AppRoleAssignment.ReadWrite.All']),
  col(
    'oauth2PermissionGrants',
    'oAuth2PermissionGrant',
    [...APP, 'DelegatedPermissionGrant.Read.All'],
    ['DelegatedPermissionGrant.ReadWrite.All'],
  ),
  col('identity/conditionalAccess/policies', 'conditionalAccessPolicy', POLICY, CA_W, {
    legacyCa: true,
    service: 'Conditional Access',
  }),
  col('identity/conditionalAccess/namedLocations', 'namedLocation', POLICY, CA_W, {
    legacyCa: true,
    service: 'Conditional Access',
  }),
  col(
    'identity/conditionalAccess/authenticationContextClassReferences',
    'authenticationContextClassReference',
    POLICY,
    CA_W,
    { service: 'Conditional Access' },
  ),
  one('policies/authenticationMethodsPolicy', 'authenticationMethodsPolicy', POLICY, [
    'Policy.ReadWrite.AuthenticationMethod',
  ]),
  col(
    'policies/authenticationMethodsPolicy/authenticationMethodConfigurations',
    'authenticationMethodConfiguration',
    POLICY,
    ['Policy.ReadWrite.AuthenticationMethod'],
  ),
  col('policies/authenticationStrengthPolicies', 'authenticationStrengthPolicy', POLICY, [
    ...CA_W,
    'Policy.ReadWrite.AuthenticationMethod',
  ]),
  one('policies/crossTenantAccessPolicy', 'crossTenantAccessPolicy', POLICY, ['Policy.ReadWrite.CrossTenantAccess']),
  one('policies/crossTenantAccessPolicy/default', 'crossTenantAccessPolicyConfigurationDefault', POLICY, [
    'Policy.ReadWrite.CrossTenantAccess',
  ]),
  col('policies/crossTenantAccessPolicy/partners', 'crossTenantAccessPolicyConfigurationPartner', POLICY, [
    'Policy.ReadWrite.CrossTenantAccess',
  ]),
  one('policies/identitySecurityDefaultsEnforcementPolicy', 'identitySecurityDefaultsEnforcementPolicy', POLICY, [
    'Policy.ReadWrite.SecurityDefaults',
  ]),
  one('policies/authorizationPolicy', 'authorizationPolicy', POLICY, ['Policy.ReadWrite.Authorization']),
  one('policies/adminConsentRequestPolicy', 'adminConsentRequestPolicy', POLICY, ['Policy.ReadWrite.ConsentRequest']),
  col(
    'policies/permissionGrantPolicies',
    'permissionGrantPolicy',
    [...POLICY, 'Policy.Read.PermissionGrant'],
    ['Policy.ReadWrite.PermissionGrant'],
  ),
  one('policies/defaultAppManagementPolicy', 'tenantAppManagementPolicy', POLICY, APP_CONF_W),
  col('policies/appManagementPolicies', 'appManagementPolicy', POLICY, APP_CONF_W),
  col('policies/tokenLifetimePolicies', 'tokenLifetimePolicy', POLICY, APP_CONF_W),
  col('policies/tokenIssuancePolicies', 'tokenIssuancePolicy', POLICY, APP_CONF_W),
  col('policies/claimsMappingPolicies', 'claimsMappingPolicy', POLICY, APP_CONF_W),
  col('policies/homeRealmDiscoveryPolicies', 'homeRealmDiscoveryPolicy', POLICY, APP_CONF_W),
  col('policies/activityBasedTimeoutPolicies', 'activityBasedTimeoutPolicy', POLICY, APP_CONF_W),
  col('roleManagement/directory/roleDefinitions', 'unifiedRoleDefinition', ROLES, ROLES_W),
  col('roleManagement/directory/roleAssignments', 'unifiedRoleAssignment', ROLES, ROLES_W),
  col(
    'roleManagement/directory/roleAssignmentSchedules',
    'unifiedRoleAssignmentSchedule',
    ['RoleAssignmentSchedule.Read.Directory', ...ROLES],
    ['RoleAssignmentSchedule.ReadWrite.Directory'],
  ),
  col('roleManagement/directory/roleAssignmentScheduleInstances', 'unifiedRoleAssignmentScheduleInstance', [
    'RoleAssignmentSchedule.Read.Directory',
    ...ROLES,
  ]),
  col(
    'roleManagement/directory/roleEligibilitySchedules',
    'unifiedRoleEligibilitySchedule',
    ['RoleEligibilitySchedule.Read.Directory', ...ROLES],
    ['RoleEligibilitySchedule.ReadWrite.Directory'],
  ),
  col('roleManagement/directory/roleEligibilityScheduleInstances', 'unifiedRoleEligibilityScheduleInstance', [
    'RoleEligibilitySchedule.Read.Directory',
    ...ROLES,
  ]),
  col(
    'policies/roleManagementPolicies',
    'unifiedRoleManagementPolicy',
    ['RoleManagementPolicy.Read.Directory', ...ROLES],
    ['RoleManagementPolicy.ReadWrite.Directory'],
  ),
  col(
    'policies/roleManagementPolicies/{id}/rules',
    'unifiedRoleManagementPolicyRule',
    ['RoleManagementPolicy.Read.Directory', ...ROLES],
    ['RoleManagementPolicy.ReadWrite.Directory'],
  ),
  col('policies/roleManagementPolicyAssignments', 'unifiedRoleManagementPolicyAssignment', [
    'RoleManagementPolicy.Read.Directory',
    ...ROLES,
  ]),
  col('directoryRoles', 'directoryRole', ROLES, ROLES_W),
  links('directoryRoles/{id}/members', ROLES, ROLES_W),
  col(
    'directory/administrativeUnits',
    'administrativeUnit',
    ['AdministrativeUnit.Read.All', 'Directory.Read.All'],
    ['AdministrativeUnit.ReadWrite.All'],
  ),
  col('domains', 'domain', ['Domain.Read.All', 'Directory.Read.All'], ['Domain.ReadWrite.All']),
  col('organization', 'organization', ['Organization.Read.All', 'Directory.Read.All'], ['Organization.ReadWrite.All']),
  col('settings', 'directorySetting', ['Directory.Read.All'], ['Directory.ReadWrite.All'], { betaOnly: true }),
  col('subscribedSkus', 'subscribedSku', ['Organization.Read.All', 'Directory.Read.All']),
  col('auditLogs/directoryAudits', 'directoryAudit', ['AuditLog.Read.All']),
];

/** Permissions that may read a route: its read set and its write set. */
export const readPermissions = (r: TRoute) => [...r.read, ...(r.write ?? [])];
