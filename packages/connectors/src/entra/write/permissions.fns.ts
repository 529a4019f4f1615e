/**
 * The least-privileged application permission that writes each Entra type (Microsoft Graph's
 * per-API permission tables; shared/spec/entra.md §C for the restorable ones). A 403 names it, so
 * an admin knows what to consent to; the restore guide lists them.
 */
const CA = 'Policy.ReadWrite.ConditionalAccess';
const APP_CONFIG = 'Policy.ReadWrite.ApplicationConfiguration';

export const WRITE_PERMISSIONS: Readonly<Record<string, string>> = {
  conditionalAccessPolicy: CA,
  namedLocation: CA,
  authenticationContext: CA,
  authenticationStrength: CA,
  securityDefaults: CA,
  authenticationMethodsPolicy: 'Policy.ReadWrite.AuthenticationMethod',
  authenticationMethodConfiguration: 'Policy.ReadWrite.AuthenticationMethod',
  crossTenantAccessPolicy: 'Policy.ReadWrite.CrossTenantAccess',
  'crossTenantAccessPolicy.default': 'Policy.ReadWrite.CrossTenantAccess',
  'crossTenantAccessPolicy.partner': 'Policy.ReadWrite.CrossTenantAccess',
  authorizationPolicy: 'Policy.ReadWrite.Authorization',
  adminConsentRequestPolicy: 'Policy.ReadWrite.ConsentRequest',
  permissionGrantPolicy: 'Policy.ReadWrite.PermissionGrant',
  defaultAppManagementPolicy: APP_CONFIG,
  appManagementPolicy: APP_CONFIG,
  tokenLifetimePolicy: APP_CONFIG,
  tokenIssuancePolicy: APP_CONFIG,
  claimsMappingPolicy: APP_CONFIG,
  homeRealmDiscoveryPolicy: APP_CONFIG,
  application: 'Application.ReadWrite.All',
  'application.federatedIdentityCredential': 'Application.ReadWrite.All',
  servicePrincipal: 'Application.ReadWrite.All',
  'servicePrincipal.appRoleAssignedTo': 'AppRoleAssignment.ReadWrite.All',
  oauth2PermissionGrant: 'DelegatedPermissionGrant.ReadWrite.All',
  directoryRole: 'RoleManagement.ReadWrite.Directory',
  roleDefinition: 'RoleManagement.ReadWrite.Directory',
  roleAssignment: 'RoleManagement.ReadWrite.Directory',
  roleManagementPolicy: 'RoleManagementPolicy.ReadWrite.Directory',
  group: 'Group.ReadWrite.All',
  'group.members': 'GroupMember.ReadWrite.All',
  'group.owners': 'Group.ReadWrite.All',
  administrativeUnit: 'AdministrativeUnit.ReadWrite.All',
  user: 'User.ReadWrite.All',
  domain: 'Domain.ReadWrite.All',
  organization: 'Organization.ReadWrite.All',
  directorySetting: 'Directory.ReadWrite.All',
};

export const writePermissionOf = (type: string): string | undefined => WRITE_PERMISSIONS[type];
