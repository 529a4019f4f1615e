/**
 * The object type keys compliance rules read, with where each comes from in Okta's Management API,
 * how its id is formed and the scope it needs. The keys are the connector's catalog keys
 * (packages/connectors/src/okta/catalog.ts is the source of truth; its tests check every entry here
 * against it), so a snapshot is scanned exactly as it is stored. A body is the API's JSON minus
 * `_links`, except on relation rows whose meaning is a link (policy app mappings).
 */
export const ComplianceObjectTypes = {
  user: { source: 'GET /api/v1/users', id: 'user id', scope: 'okta.users.read' },
  user_type: { source: 'GET /api/v1/meta/types/user', id: 'user type id', scope: 'okta.userTypes.read' },
  group: { source: 'GET /api/v1/groups', id: 'group id', scope: 'okta.groups.read' },
  'group.member': {
    source: 'GET /api/v1/groups/{groupId}/users',
    id: '<groupId>/<userId>',
    scope: 'okta.groups.read',
    note: 'body keeps only the member user id',
  },
  group_rule: { source: 'GET /api/v1/groups/rules', id: 'group rule id', scope: 'okta.groups.read' },
  app: {
    source: 'GET /api/v1/apps',
    id: 'app id',
    scope: 'okta.apps.read',
    // Which authentication policy governs an app is only a link (`_links.accessPolicy`). Stored apps
    // lose `_links`; the policy's mapping rows below carry the same fact, and rules read either.
    note: 'app → policy from policy.ACCESS_POLICY.mapping (or _links.accessPolicy.href when a body keeps it)',
  },
  'policy.OKTA_SIGN_ON': {
    source: 'GET /api/v1/policies?type=OKTA_SIGN_ON',
    id: 'policy id',
    scope: 'okta.policies.read',
  },
  'policy.PASSWORD': { source: 'GET /api/v1/policies?type=PASSWORD', id: 'policy id', scope: 'okta.policies.read' },
  'policy.MFA_ENROLL': { source: 'GET /api/v1/policies?type=MFA_ENROLL', id: 'policy id', scope: 'okta.policies.read' },
  'policy.ACCESS_POLICY': {
    source: 'GET /api/v1/policies?type=ACCESS_POLICY',
    id: 'policy id',
    scope: 'okta.policies.read',
  },
  'policy.PROFILE_ENROLLMENT': {
    source: 'GET /api/v1/policies?type=PROFILE_ENROLLMENT',
    id: 'policy id',
    scope: 'okta.policies.read',
  },
  'policy.IDP_DISCOVERY': {
    source: 'GET /api/v1/policies?type=IDP_DISCOVERY',
    id: 'policy id',
    scope: 'okta.policies.read',
  },
  'policy.ACCESS_POLICY.mapping': {
    source: 'GET /api/v1/policies/{policyId}/mappings',
    id: '<policyId>/<mappingId>',
    scope: 'okta.policies.read',
    note: 'keeps _links.application.href; an alternative to app _links.accessPolicy',
  },
  'policy.OKTA_SIGN_ON.rule': {
    source: 'GET /api/v1/policies/{policyId}/rules',
    id: '<policyId>/<ruleId>',
    scope: 'okta.policies.read',
  },
  'policy.ACCESS_POLICY.rule': {
    source: 'GET /api/v1/policies/{policyId}/rules',
    id: '<policyId>/<ruleId>',
    scope: 'okta.policies.read',
  },
  authenticator: { source: 'GET /api/v1/authenticators', id: 'authenticator id', scope: 'okta.authenticators.read' },
  network_zone: { source: 'GET /api/v1/zones', id: 'zone id', scope: 'okta.networkZones.read' },
  idp: { source: 'GET /api/v1/idps', id: 'IdP id', scope: 'okta.idps.read' },
  idp_key: { source: 'GET /api/v1/idps/credentials/keys', id: 'kid', scope: 'okta.idps.read' },
  log_stream: { source: 'GET /api/v1/logStreams', id: 'log stream id', scope: 'okta.logStreams.read' },
  api_token: { source: 'GET /api/v1/api-tokens', id: 'token id', scope: 'okta.apiTokens.read' },
  'admin_assignee.role': {
    source: 'GET /api/v1/iam/assignees/users, then GET /api/v1/users/{userId}/roles',
    id: '<userId>/<roleAssignmentId>',
    scope: 'okta.roles.read',
  },
  org: { source: 'GET /api/v1/org', id: 'org id', scope: 'okta.orgs.read' },
  brand: { source: 'GET /api/v1/brands', id: 'brand id', scope: 'okta.brands.read' },
  'brand.sign_in_page': {
    source: 'GET /api/v1/brands/{brandId}/pages/sign-in/customized',
    id: 'brand id',
    scope: 'okta.brands.read',
    note: 'absent for a brand without a customized page (404)',
  },
  behavior: { source: 'GET /api/v1/behaviors', id: 'behavior id', scope: 'okta.behaviors.read' },
  'org_setting.admin_console': {
    source: 'GET /api/v1/first-party-app-settings/admin-console',
    id: 'default',
    scope: 'okta.apps.read',
  },
} as const satisfies Record<string, { source: string; id: string; scope: string; note?: string }>;

export type ComplianceObjectType = keyof typeof ComplianceObjectTypes;

/**
 * The Entra object types the SCuBA MS.AAD rules read (decision 058): the Entra connector's catalog
 * keys (packages/connectors/src/entra/catalog.ts), the Graph path, and the application permission
 * (the `scope` of a MANUAL reason) the read consent set grants for it.
 */
export const EntraComplianceObjectTypes = {
  conditionalAccessPolicy: {
    source: 'GET /v1.0/identity/conditionalAccess/policies',
    id: 'policy id',
    scope: 'Policy.Read.All',
  },
  authenticationStrength: {
    source: 'GET /v1.0/policies/authenticationStrengthPolicies',
    id: 'strength id',
    scope: 'Policy.Read.All',
  },
  authenticationMethodsPolicy: {
    source: 'GET /v1.0/policies/authenticationMethodsPolicy',
    id: 'default',
    scope: 'Policy.Read.All',
  },
  authenticationMethodConfiguration: {
    source: 'GET /v1.0/policies/authenticationMethodsPolicy (authenticationMethodConfigurations)',
    id: 'method id (Sms, MicrosoftAuthenticator, …)',
    scope: 'Policy.Read.All',
  },
  authorizationPolicy: { source: 'GET /v1.0/policies/authorizationPolicy', id: 'default', scope: 'Policy.Read.All' },
  adminConsentRequestPolicy: {
    source: 'GET /v1.0/policies/adminConsentRequestPolicy',
    id: 'default',
    scope: 'Policy.Read.All',
  },
  defaultAppManagementPolicy: {
    source: 'GET /v1.0/policies/defaultAppManagementPolicy',
    id: 'default',
    scope: 'Policy.Read.All',
  },
  directorySetting: { source: 'GET /beta/settings', id: 'setting id', scope: 'Directory.Read.All' },
  domain: { source: 'GET /v1.0/domains', id: 'domain name', scope: 'Domain.Read.All' },
  subscribedSku: { source: 'GET /v1.0/subscribedSkus', id: 'subscribed SKU id', scope: 'Organization.Read.All' },
  user: { source: 'GET /v1.0/users', id: 'user id', scope: 'User.Read.All' },
  'group.members': { source: 'GET /v1.0/groups/{id}/members', id: 'group id', scope: 'Group.Read.All' },
  roleDefinition: {
    source: 'GET /v1.0/roleManagement/directory/roleDefinitions',
    id: 'role id',
    scope: 'RoleManagement.Read.Directory',
  },
  roleAssignment: {
    source: 'GET /v1.0/roleManagement/directory/roleAssignments',
    id: 'assignment id',
    scope: 'RoleManagement.Read.Directory',
  },
  roleAssignmentScheduleInstance: {
    source: 'GET /v1.0/roleManagement/directory/roleAssignmentScheduleInstances',
    id: 'instance id',
    scope: 'RoleAssignmentSchedule.Read.Directory',
  },
  roleEligibilityScheduleInstance: {
    source: 'GET /v1.0/roleManagement/directory/roleEligibilityScheduleInstances',
    id: 'instance id',
    scope: 'RoleEligibilitySchedule.Read.Directory',
  },
  roleManagementPolicy: {
    source: "GET /v1.0/policies/roleManagementPolicies?$expand=rules (scope '/')",
    id: 'policy id',
    scope: 'RoleManagementPolicy.Read.Directory',
  },
  roleManagementPolicyAssignment: {
    source: "GET /v1.0/policies/roleManagementPolicyAssignments (scope '/')",
    id: 'assignment id',
    scope: 'RoleManagementPolicy.Read.Directory',
  },
} as const satisfies Record<string, { source: string; id: string; scope: string }>;

/**
 * The Google Workspace object types the SCuBA GWS rules read (decision 065): the Google connector's
 * catalog keys (packages/connectors/src/google/catalog.ts), the API path and the OAuth scope the
 * service account's domain-wide delegation must grant.
 */
const DIR = 'https://www.googleapis.com/auth/admin.directory';
export const GoogleComplianceObjectTypes = {
  policy: {
    source: 'GET cloudidentity /v1/policies (filter customer == "customers/{customer}")',
    id: 'policy id (policies/… without the prefix)',
    scope: 'https://www.googleapis.com/auth/cloud-identity.policies.readonly',
  },
  orgUnit: {
    source: 'GET /admin/directory/v1/customer/{customer}/orgunits?type=allIncludingParent',
    id: 'org unit id (without id:)',
    scope: `${DIR}.orgunit.readonly`,
  },
  group: { source: 'GET /admin/directory/v1/groups', id: 'group id', scope: `${DIR}.group.readonly` },
  'group.members': {
    source: 'GET /admin/directory/v1/groups/{group}/members',
    id: 'group id (one object per group)',
    scope: `${DIR}.group.readonly`,
  },
  user: { source: 'GET /admin/directory/v1/users?projection=full', id: 'user id', scope: `${DIR}.user.readonly` },
  inboundSsoAssignment: {
    source: 'GET cloudidentity /v1/inboundSsoAssignments',
    id: 'assignment id',
    scope: 'https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly',
  },
} as const satisfies Record<string, { source: string; id: string; scope: string }>;

export type ScopeProvider = 'okta' | 'entra' | 'google';

/**
 * The read scope a type needs, for MANUAL reasons; undefined for a type outside the tables. Okta's
 * table first: `user` and `group.member(s)` exist in both, and Okta scans are the older reading.
 */
export function scopeOf(type: string, provider: ScopeProvider = 'okta'): string | undefined {
  const okta = (ComplianceObjectTypes as Record<string, { scope: string }>)[type]?.scope;
  const entra = (EntraComplianceObjectTypes as Record<string, { scope: string }>)[type]?.scope;
  if (provider === 'google') return (GoogleComplianceObjectTypes as Record<string, { scope: string }>)[type]?.scope;
  return provider === 'entra' ? (entra ?? okta) : (okta ?? entra);
}
