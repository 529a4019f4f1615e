import type { IdpRestoreInfo } from '@butterfly/domain/idp';

/**
 * Every Entra object type a backup reads, as data (shared/spec/entra.md §C, one entry per row and
 * per sub-resource): the lister, the access check and the type info all read this one table.
 * - `list`: the GET path below the version root; `{id}` is the parent's id.
 * - `permission`: the least-privileged application permission of the read consent set that reads it.
 */
export const READ_PERMISSIONS = [
  'Policy.Read.All',
  'Policy.Read.PermissionGrant',
  'Application.Read.All',
  'Directory.Read.All',
  'Group.Read.All',
  'User.Read.All',
  'AdministrativeUnit.Read.All',
  'Domain.Read.All',
  'Organization.Read.All',
  'RoleManagement.Read.Directory',
  'RoleAssignmentSchedule.Read.Directory',
  'RoleEligibilitySchedule.Read.Directory',
  'RoleManagementPolicy.Read.Directory',
] as const;
export type EntraPermission = (typeof READ_PERMISSIONS)[number];

export interface EntraRef {
  path: string;
  type: string | string[];
  by?: string;
}

export interface EntraObjectType {
  type: string;
  label: string;
  permission: EntraPermission;
  version: 'v1.0' | 'beta';
  list: string;
  /**
   * Fixed query options of the list. `$top: '999'` (Graph's most per page) on the lists that grow
   * with the tenant: a request costs the same RU whatever its page holds, so a 10,000-user tenant's
   * users are 11 requests instead of 100, and each nextLink is a round trip in series.
   */
  query?: Record<string, string>;
  parent?: string;
  /** The path answers with one object (a policy singleton). */
  singleton?: boolean;
  /** Children that arrive inside the parent's body, in this field (removed from the parent's body). */
  embeddedIn?: string;
  /**
   * Decision 014: a relation list (a group's members) is ONE object per parent holding the sorted
   * member keys, not one object per membership: a change of membership is one changed object.
   */
  collapse?: { field: string; keep: string[] };
  idField?: string;
  /** Write-only secrets, redacted before a body leaves the connector. */
  secrets?: string[];
  refs?: EntraRef[];
  /** The delta path (`/users/delta`) where Graph tracks changes of this type. */
  delta?: string;
  volatile?: string[];
  restore?: IdpRestoreInfo;
}

const SECRETS = ['passwordCredentials[].secretText', 'keyCredentials[].key'];
const NO_SECRETS =
  'Entra never gives a secret back and a restore never sends one: add a new client secret or certificate to the app and give it to what used the old one.';
/** The state a restored Conditional Access policy is written in first (decision 059). */
export const REPORT_ONLY = 'enabledForReportingButNotEnforced';
const PRINCIPAL = ['user', 'group', 'servicePrincipal'];

const full = (o: Partial<IdpRestoreInfo> = {}): IdpRestoreInfo => ({
  create: true,
  update: true,
  delete: true,
  lifecycle: false,
  assignsId: true,
  ...o,
});
/** A singleton or tenant-wide object: only PATCHed back. */
const patchOnly = (o: Partial<IdpRestoreInfo> = {}): IdpRestoreInfo => ({
  create: false,
  update: true,
  delete: false,
  lifecycle: false,
  assignsId: false,
  ...o,
});

const CA = '/identity/conditionalAccess';
const caUsers = (k: string): EntraRef[] => [
  { path: `conditions.users.${k}Users[]`, type: 'user' },
  { path: `conditions.users.${k}Groups[]`, type: 'group' },
  { path: `conditions.users.${k}Roles[]`, type: 'directoryRole', by: 'roleTemplateId' },
  { path: `conditions.applications.${k}Applications[]`, type: ['application', 'servicePrincipal'], by: 'appId' },
  { path: `conditions.locations.${k}Locations[]`, type: 'namedLocation' },
  { path: `conditions.clientApplications.${k}ServicePrincipals[]`, type: 'servicePrincipal' },
];
const roleRefs: EntraRef[] = [
  { path: 'roleDefinitionId', type: 'roleDefinition' },
  { path: 'principalId', type: PRINCIPAL },
];
/** Decision 059: PIM instances are made by schedule requests, which a restore does not send yet. */
const PIM_RESTORE = {
  create: false,
  update: false,
  delete: false,
  lifecycle: false,
  assignsId: true,
  reason:
    "Needs a person: re-assign it in Privileged Identity Management (a schedule request) with the snapshot's role, principal, start and end.",
};
const rmpFilter = { $filter: "scopeId eq '/' and scopeType eq 'Directory'" };

/** Graph's largest page, for the lists that grow with the tenant (see `EntraObjectType.query`). */
const TOP = { $top: '999' };

export const ENTRA_CATALOG: EntraObjectType[] = [
  // Conditional Access
  {
    type: 'conditionalAccessPolicy',
    label: 'Conditional Access policies',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: `${CA}/policies`,
    refs: [
      ...caUsers('include'),
      ...caUsers('exclude'),
      { path: 'conditions.applications.includeAuthenticationContextClassReferences[]', type: 'authenticationContext' },
      { path: 'grantControls.authenticationStrength.id', type: 'authenticationStrength' },
    ],
    volatile: ['modifiedDateTime'],
    restore: full({
      naturalKey: 'displayName',
      recreateNote: 'Gets a new id: references to it are rewritten.',
      reportOnly: { path: 'state', value: REPORT_ONLY },
    }),
  },
  {
    type: 'namedLocation',
    label: 'Named locations',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: `${CA}/namedLocations`,
    volatile: ['modifiedDateTime'],
    restore: full({ naturalKey: 'displayName' }),
  },
  {
    type: 'authenticationContext',
    label: 'Authentication contexts',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: `${CA}/authenticationContextClassReferences`,
    restore: full({ assignsId: false }),
  },
  {
    type: 'authenticationStrength',
    label: 'Authentication strengths',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/authenticationStrengthPolicies',
    volatile: ['modifiedDateTime'],
    restore: full({ naturalKey: 'displayName', systemWhen: [{ path: 'policyType', equals: 'builtIn' }] }),
  },
  // Authentication methods
  {
    type: 'authenticationMethodsPolicy',
    label: 'Authentication methods policy',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/authenticationMethodsPolicy',
    singleton: true,
    volatile: ['lastModifiedDateTime'],
    restore: patchOnly(),
  },
  {
    type: 'authenticationMethodConfiguration',
    label: 'Authentication method configurations',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations',
    parent: 'authenticationMethodsPolicy',
    embeddedIn: 'authenticationMethodConfigurations',
    refs: [
      { path: 'includeTargets[].id', type: 'group' },
      { path: 'excludeTargets[].id', type: 'group' },
    ],
    restore: patchOnly(),
  },
  // Cross-tenant access
  {
    type: 'crossTenantAccessPolicy',
    label: 'Cross-tenant access policy',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/crossTenantAccessPolicy',
    singleton: true,
    restore: patchOnly(),
  },
  {
    type: 'crossTenantAccessPolicy.default',
    label: 'Cross-tenant access defaults',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/crossTenantAccessPolicy/default',
    parent: 'crossTenantAccessPolicy',
    singleton: true,
    restore: patchOnly(),
  },
  {
    type: 'crossTenantAccessPolicy.partner',
    label: 'Cross-tenant access partners',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/crossTenantAccessPolicy/partners',
    parent: 'crossTenantAccessPolicy',
    idField: 'tenantId',
    restore: full({ assignsId: false }),
  },
  // Tenant-wide policies
  {
    type: 'securityDefaults',
    label: 'Security defaults',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/identitySecurityDefaultsEnforcementPolicy',
    singleton: true,
    restore: patchOnly({ recreateNote: 'Turning security defaults on conflicts with Conditional Access policies.' }),
  },
  {
    type: 'authorizationPolicy',
    label: 'Authorization policy',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/authorizationPolicy',
    singleton: true,
    restore: patchOnly(),
  },
  {
    type: 'adminConsentRequestPolicy',
    label: 'Admin consent request policy',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/adminConsentRequestPolicy',
    singleton: true,
    restore: patchOnly(),
  },
  {
    type: 'permissionGrantPolicy',
    label: 'Permission grant policies',
    permission: 'Policy.Read.PermissionGrant',
    version: 'v1.0',
    list: '/policies/permissionGrantPolicies',
    restore: full({ assignsId: false, systemWhen: [{ path: 'id', equals: 'microsoft-all-application-permissions' }] }),
  },
  {
    type: 'defaultAppManagementPolicy',
    label: 'Default app management policy',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/defaultAppManagementPolicy',
    singleton: true,
    restore: patchOnly(),
  },
  {
    type: 'appManagementPolicy',
    label: 'App management policies',
    permission: 'Policy.Read.All',
    version: 'v1.0',
    list: '/policies/appManagementPolicies',
    restore: full({ naturalKey: 'displayName', recreateNote: 'Re-created without its app links: assign it again.' }),
  },
  ...(
    [
      ['tokenLifetimePolicy', 'Token lifetime policies', 'tokenLifetimePolicies'],
      ['tokenIssuancePolicy', 'Token issuance policies', 'tokenIssuancePolicies'],
      ['claimsMappingPolicy', 'Claims mapping policies', 'claimsMappingPolicies'],
      ['homeRealmDiscoveryPolicy', 'Home realm discovery policies', 'homeRealmDiscoveryPolicies'],
    ] as const
  ).map(
    ([type, label, path]): EntraObjectType => ({
      type,
      label,
      permission: 'Policy.Read.All',
      version: 'v1.0',
      list: `/policies/${path}`,
      restore: full({
        naturalKey: 'displayName',
        recreateNote: 'Re-created without its links to apps: link it again.',
      }),
    }),
  ),
  // Apps, service principals, grants
  {
    type: 'application',
    label: 'App registrations',
    permission: 'Application.Read.All',
    version: 'v1.0',
    list: '/applications',
    query: TOP,
    secrets: SECRETS,
    delta: '/applications/delta',
    restore: full({
      naturalKey: 'appId',
      fromDeletedItems: true,
      secretsNotSent: NO_SECRETS,
      recreateNote:
        'Not in deleted items (hard deleted, or deleted over 30 days ago): re-created with a new id and a new appId; its secrets never come back.',
    }),
  },
  {
    type: 'application.federatedIdentityCredential',
    label: 'Federated identity credentials',
    permission: 'Application.Read.All',
    version: 'v1.0',
    list: '/applications/{id}/federatedIdentityCredentials',
    parent: 'application',
    restore: full({ naturalKey: 'name' }),
  },
  {
    type: 'servicePrincipal',
    label: 'Service principals (enterprise apps)',
    permission: 'Application.Read.All',
    version: 'v1.0',
    list: '/servicePrincipals',
    query: TOP,
    secrets: SECRETS,
    delta: '/servicePrincipals/delta',
    refs: [{ path: 'appId', type: 'application', by: 'appId' }],
    restore: full({
      naturalKey: 'appId',
      fromDeletedItems: true,
      secretsNotSent: NO_SECRETS,
      recreateNote:
        'Not in deleted items (hard deleted, or deleted over 30 days ago): re-created with a new id; its app role assignments and grants come back as their own steps.',
    }),
  },
  {
    type: 'servicePrincipal.appRoleAssignedTo',
    label: 'App role assignments',
    permission: 'Application.Read.All',
    version: 'v1.0',
    list: '/servicePrincipals/{id}/appRoleAssignedTo',
    query: TOP,
    parent: 'servicePrincipal',
    refs: [
      { path: 'principalId', type: PRINCIPAL },
      { path: 'resourceId', type: 'servicePrincipal' },
    ],
    restore: full({ update: false, membershipOf: true }),
  },
  {
    type: 'oauth2PermissionGrant',
    label: 'Delegated permission grants',
    permission: 'Directory.Read.All',
    version: 'v1.0',
    list: '/oauth2PermissionGrants',
    delta: '/oauth2PermissionGrants/delta',
    refs: [
      { path: 'clientId', type: 'servicePrincipal' },
      { path: 'resourceId', type: 'servicePrincipal' },
      { path: 'principalId', type: 'user' },
    ],
    restore: full(),
  },
  // Roles and PIM
  {
    type: 'directoryRole',
    label: 'Activated directory roles',
    permission: 'RoleManagement.Read.Directory',
    version: 'v1.0',
    list: '/directoryRoles',
    delta: '/directoryRoles/delta',
    refs: [{ path: 'roleTemplateId', type: 'roleDefinition', by: 'templateId' }],
    restore: { create: true, update: false, delete: false, lifecycle: false, assignsId: true },
  },
  {
    type: 'roleDefinition',
    label: 'Role definitions',
    permission: 'RoleManagement.Read.Directory',
    version: 'v1.0',
    list: '/roleManagement/directory/roleDefinitions',
    restore: full({ naturalKey: 'displayName', systemWhen: [{ path: 'isBuiltIn', equals: true }] }),
  },
  {
    type: 'roleAssignment',
    label: 'Role assignments',
    permission: 'RoleManagement.Read.Directory',
    version: 'v1.0',
    list: '/roleManagement/directory/roleAssignments',
    refs: roleRefs,
    restore: full({ update: false }),
  },
  {
    type: 'roleEligibilityScheduleInstance',
    label: 'PIM eligible role assignments',
    permission: 'RoleEligibilitySchedule.Read.Directory',
    version: 'v1.0',
    list: '/roleManagement/directory/roleEligibilityScheduleInstances',
    refs: roleRefs,
    restore: PIM_RESTORE,
  },
  {
    type: 'roleAssignmentScheduleInstance',
    label: 'PIM active role assignments',
    permission: 'RoleAssignmentSchedule.Read.Directory',
    version: 'v1.0',
    list: '/roleManagement/directory/roleAssignmentScheduleInstances',
    refs: roleRefs,
    restore: PIM_RESTORE,
  },
  {
    type: 'roleManagementPolicy',
    label: 'PIM role settings (role management policies)',
    permission: 'RoleManagementPolicy.Read.Directory',
    version: 'v1.0',
    list: '/policies/roleManagementPolicies',
    query: { ...rmpFilter, $expand: 'rules' },
    volatile: ['lastModifiedDateTime'],
    restore: patchOnly(),
  },
  {
    type: 'roleManagementPolicyAssignment',
    label: 'PIM role settings assignments',
    permission: 'RoleManagementPolicy.Read.Directory',
    version: 'v1.0',
    list: '/policies/roleManagementPolicyAssignments',
    query: rmpFilter,
    refs: [
      { path: 'policyId', type: 'roleManagementPolicy' },
      { path: 'roleDefinitionId', type: 'roleDefinition' },
    ],
    restore: {
      create: false,
      update: false,
      delete: false,
      lifecycle: false,
      assignsId: false,
      reason: 'Entra keeps one policy per role: the assignment itself cannot change.',
    },
  },
  // Groups, admin units, users
  {
    type: 'group',
    label: 'Groups',
    permission: 'Group.Read.All',
    version: 'v1.0',
    list: '/groups',
    query: TOP,
    delta: '/groups/delta',
    volatile: ['renewedDateTime'],
    restore: full({
      naturalKey: 'displayName',
      fromDeletedItems: true,
      recreateNote:
        'Not in deleted items: a security group cannot be restored after a delete (a Microsoft 365 group can, within 30 days), so it is re-created with a new id and its members are added again.',
    }),
  },
  {
    type: 'group.members',
    label: 'Group members',
    permission: 'Group.Read.All',
    version: 'v1.0',
    list: '/groups/{id}/members',
    query: { $select: 'id', ...TOP },
    parent: 'group',
    singleton: true,
    collapse: { field: 'members', keep: ['@odata.type', 'id'] },
    refs: [{ path: 'members[].id', type: PRINCIPAL }],
    // "Created" with a re-created group: its members added by $ref (write/write-object.ts).
    restore: { ...patchOnly({ create: true }), membershipOf: true },
  },
  {
    type: 'group.owners',
    label: 'Group owners',
    permission: 'Group.Read.All',
    version: 'v1.0',
    list: '/groups/{id}/owners',
    query: { $select: 'id', ...TOP },
    parent: 'group',
    singleton: true,
    collapse: { field: 'owners', keep: ['@odata.type', 'id'] },
    refs: [{ path: 'owners[].id', type: ['user', 'servicePrincipal'] }],
    restore: patchOnly({ create: true }),
  },
  {
    type: 'administrativeUnit',
    label: 'Administrative units',
    permission: 'AdministrativeUnit.Read.All',
    version: 'v1.0',
    list: '/directory/administrativeUnits',
    delta: '/administrativeUnits/delta',
    restore: full({ naturalKey: 'displayName' }),
  },
  {
    type: 'user',
    label: 'Users',
    permission: 'User.Read.All',
    version: 'v1.0',
    list: '/users',
    query: TOP,
    delta: '/users/delta',
    restore: full({
      fromDeletedItems: true,
      recreateNote:
        'Not in deleted items (hard deleted, or deleted over 30 days ago): re-created with a new id, without password or authentication methods.',
    }),
  },
  // Tenant
  {
    type: 'domain',
    label: 'Domains',
    permission: 'Domain.Read.All',
    version: 'v1.0',
    list: '/domains',
    restore: full({ assignsId: false, verify: true, recreateNote: 'A re-added domain needs its DNS verified again.' }),
  },
  {
    type: 'organization',
    label: 'Organization',
    permission: 'Organization.Read.All',
    version: 'v1.0',
    list: '/organization',
    restore: patchOnly(),
  },
  {
    type: 'directorySetting',
    label: 'Directory settings (beta)',
    permission: 'Directory.Read.All',
    version: 'beta',
    list: '/settings',
    restore: full({ naturalKey: 'templateId' }),
  },
  {
    type: 'subscribedSku',
    label: 'Subscribed licenses (SKUs)',
    permission: 'Organization.Read.All',
    version: 'v1.0',
    list: '/subscribedSkus',
    volatile: ['consumedUnits'],
    restore: {
      create: false,
      update: false,
      delete: false,
      lifecycle: false,
      assignsId: false,
      reason: 'Licenses are bought, not configured: an inventory only.',
    },
  },
];
