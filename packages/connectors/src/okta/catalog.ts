/**
 * Every Okta object type a backup reads, as data: the lister, the access test, the restore order
 * (later) and the connection guide all read this one table, so adding a type is one entry here.
 *
 * Checked against shared/okta/management-openapi.yaml (Okta's own OpenAPI file, 2026.06.3):
 * - `list`: the GET path; `{…}` placeholders are filled from the ancestors' keys, outermost first.
 * - `limit`: the documented `maximum` of the endpoint's `limit` parameter; where the file documents
 *   only a default (users 200, group members and owners 1000, assignees 100) that default, which is
 *   also the real ceiling; absent where the endpoint takes no `limit` or documents neither (policies,
 *   zones: the server's default page, and we follow `next`).
 * - `scope`: the endpoint's `security: oauth2` scope.
 */
export type OktaScope = `okta.${string}.read`;

export interface OktaRef {
  /** Path in the body (json-path.fns.ts syntax). */
  path: string;
  /** The type (or one of the types) the value names. */
  type: string | string[];
  /** The field of the target the value matches, when not its id (authenticator `key`, scope `name`). */
  by?: string;
}

export interface OktaObjectType {
  type: string;
  label: string;
  scope: OktaScope;
  list: string;
  parent?: string;
  /** Field of the parent that fills this type's last placeholder (default: the parent's id); an href gives its last segment. A parent without it has no children of this type. */
  parentKey?: string;
  /** Fixed query parameters (the policy `type`). */
  query?: Record<string, string>;
  /** Further list passes whose results belong to the same type (users: DEPROVISIONED users are only listed with a filter). */
  passes?: Record<string, string>[];
  limit?: number;
  /** Wrapped list answers: the field that holds the array (custom roles: `roles`). Its `_links.next` pages. */
  items?: string;
  /** Default `id`. */
  idField?: string;
  /** The list path answers with one object (org settings, a user schema). */
  singleton?: boolean;
  /** Read one: path template with `{id}` last. Default: `list` for singletons, `list/{id}` otherwise; false when the API cannot. */
  get?: string | false;
  /** The list answers with summaries: each item is read again with `get` (profile mappings, org contacts). */
  detail?: boolean;
  /** Write-only secrets: redacted before a body leaves the connector; must be re-entered on restore. */
  secrets?: string[];
  refs?: OktaRef[];
  /** Off by default (one request per user, nothing to restore): listed only when asked for by name. */
  optional?: boolean;
  /** Relation rows whose meaning is in `_links` (policy → app mappings): keep them. */
  keepLinks?: boolean;
  /** Relation rows that return a whole other object: keep only these fields (the member's user is the `user` type's job). */
  keep?: string[];
  /** Statuses that mean "this org (or this parent) has none": skip instead of failing. E0000015 always does. */
  absentOn?: number[];
  /** A field of the parent Okta changes whenever these children change (a group's `lastMembershipUpdated`). */
  parentVersion?: string;
  /** Parents whose `parentVersion` is not trusted: their children are always listed. */
  parentVersionUntrustedWhen?: { path: string; equals: unknown };
  /**
   * Listed only under parents whose `path` is one of `in`: Okta documents these children for no other
   * parent (a role's group targets exist for three role types), so the other lists are requests for nothing.
   */
  parentWhen?: { path: string; in: readonly unknown[] };
}

const people = (base: string): OktaRef[] => [
  { path: `${base}.people.groups.include[]`, type: 'group' },
  { path: `${base}.people.groups.exclude[]`, type: 'group' },
  { path: `${base}.people.users.include[]`, type: 'user' },
  { path: `${base}.people.users.exclude[]`, type: 'user' },
];
const zones: OktaRef[] = [
  { path: 'conditions.network.include[]', type: 'network_zone' },
  { path: 'conditions.network.exclude[]', type: 'network_zone' },
];
const ruleRefs: OktaRef[] = [
  ...people('conditions'),
  ...zones,
  { path: 'conditions.userType.include[]', type: 'user_type' },
  { path: 'conditions.userType.exclude[]', type: 'user_type' },
  { path: 'conditions.device.assurance.include[]', type: 'device_assurance' },
  { path: 'conditions.app.include[].id', type: 'app' },
  { path: 'actions.idp.providers[].id', type: 'idp' },
  { path: 'actions.profileEnrollment.targetGroupIds[]', type: 'group' },
  { path: 'actions.profileEnrollment.preRegistrationInlineHooks[].inlineHookId', type: 'inline_hook' },
];
const roleRefs: OktaRef[] = [
  { path: 'role', type: 'admin_role' },
  { path: 'resource-set', type: 'resource_set' },
];

/** The `type` enum of GET /api/v1/policies (PolicyType). Identity Engine and EA types may be absent. */
export const POLICY_TYPES = [
  'OKTA_SIGN_ON',
  'PASSWORD',
  'MFA_ENROLL',
  'IDP_DISCOVERY',
  'ACCESS_POLICY',
  'PROFILE_ENROLLMENT',
  'ENTITY_RISK',
  'POST_AUTH_SESSION',
  'DEVICE_SIGNAL_COLLECTION',
  'SESSION_VIOLATION_DETECTION',
  'CLIENT_UPDATE',
  'IDENTITY_CLAIM_SOURCING',
] as const;
const CLASSIC_POLICY_TYPES = new Set(['OKTA_SIGN_ON', 'PASSWORD', 'MFA_ENROLL', 'IDP_DISCOVERY']);
/** Policy types whose policies are mapped to apps (GET /api/v1/policies/{policyId}/mappings). */
const MAPPED_POLICY_TYPES = new Set(['ACCESS_POLICY', 'PROFILE_ENROLLMENT']);

const policyTypes = POLICY_TYPES.flatMap((p): OktaObjectType[] => {
  const absentOn = CLASSIC_POLICY_TYPES.has(p) ? undefined : [400];
  const policy: OktaObjectType = {
    type: `policy.${p}`,
    label: `${p} policies`,
    scope: 'okta.policies.read',
    list: '/api/v1/policies',
    query: { type: p },
    get: '/api/v1/policies/{id}',
    refs: [
      ...people('conditions'),
      ...zones,
      { path: 'settings.authenticators[].key', type: 'authenticator', by: 'key' },
    ],
    absentOn,
  };
  const rules: OktaObjectType = {
    type: `policy.${p}.rule`,
    label: `${p} policy rules`,
    scope: 'okta.policies.read',
    list: '/api/v1/policies/{policyId}/rules',
    parent: policy.type,
    refs: ruleRefs,
  };
  const mapping: OktaObjectType = {
    type: `policy.${p}.mapping`,
    label: `${p} policy app mappings`,
    scope: 'okta.policies.read',
    list: '/api/v1/policies/{policyId}/mappings',
    parent: policy.type,
    keepLinks: true,
    // Keyed by the app it maps (okta-sim answers the app's id; the write, PUT /apps/{appId}/policies/{policyId},
    // takes it): a restored app's mapping is found and written under the app's new id.
    refs: [
      { path: 'id', type: 'app' },
      { path: '_links.application.href', type: 'app' },
    ],
  };
  return MAPPED_POLICY_TYPES.has(p) ? [policy, rules, mapping] : [policy, rules];
});

/*
 * Okta's reference: group targets are listed "for a USER_ADMIN, HELP_DESK_ADMIN, or
 * GROUP_MEMBERSHIP_ADMIN role assignment", app targets "for an APP_ADMIN role assignment"
 * (listGroupTargetsForRole, listApplicationTargetsForApplicationAdministratorRoleForGroup). Every
 * other role (report, read-only, super and org admins, custom roles) has none to list: at 100k users
 * those lists were two thirds of a backup's requests on the /api/v1/users/{id} bucket.
 */
const GROUP_TARGET_ROLES = ['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN'];
const APP_TARGET_ROLES = ['APP_ADMIN'];

const roleTargets = (parent: string, who: string, base: string): OktaObjectType[] => [
  {
    type: `${parent}.target_group`,
    label: `group targets of ${who} admin roles`,
    scope: 'okta.roles.read',
    list: `${base}/targets/groups`,
    parent,
    limit: 200,
    get: false,
    refs: [{ path: 'id', type: 'group' }],
    absentOn: [400, 404],
    parentWhen: { path: 'type', in: GROUP_TARGET_ROLES },
  },
  {
    type: `${parent}.target_app`,
    label: `app targets of ${who} admin roles`,
    scope: 'okta.roles.read',
    list: `${base}/targets/catalog/apps`,
    parent,
    limit: 200,
    idField: 'name',
    get: false,
    absentOn: [400, 404],
    parentWhen: { path: 'type', in: APP_TARGET_ROLES },
  },
];

export const OKTA_CATALOG: readonly OktaObjectType[] = [
  // Directory
  {
    type: 'user',
    label: 'users',
    scope: 'okta.users.read',
    list: '/api/v1/users',
    limit: 200,
    passes: [{}, { filter: 'status eq "DEPROVISIONED"' }],
    secrets: ['credentials.password.value', 'credentials.recovery_question.answer'],
    refs: [{ path: 'type.id', type: 'user_type' }],
  },
  {
    type: 'user.factor',
    label: 'per-user factor enrollments',
    scope: 'okta.users.read',
    list: '/api/v1/users/{userId}/factors',
    parent: 'user',
    optional: true,
  },
  { type: 'user_type', label: 'user types', scope: 'okta.userTypes.read', list: '/api/v1/meta/types/user' },
  {
    type: 'user_schema',
    label: 'user profile schemas',
    scope: 'okta.schemas.read',
    list: '/api/v1/meta/schemas/user/{schemaId}',
    parent: 'user_type',
    parentKey: '_links.schema.href',
    singleton: true,
  },
  {
    type: 'group_schema',
    label: 'group profile schema',
    scope: 'okta.schemas.read',
    list: '/api/v1/meta/schemas/group/default',
    singleton: true,
  },
  {
    type: 'linked_object',
    label: 'linked object definitions',
    scope: 'okta.linkedObjects.read',
    list: '/api/v1/meta/schemas/user/linkedObjects',
    idField: 'primary.name',
  },
  { type: 'group', label: 'groups', scope: 'okta.groups.read', list: '/api/v1/groups', limit: 10000 },
  {
    type: 'group.member',
    label: 'group memberships',
    scope: 'okta.groups.read',
    list: '/api/v1/groups/{groupId}/users',
    parent: 'group',
    limit: 1000,
    get: false,
    keep: ['id'],
    refs: [{ path: 'id', type: 'user' }],
    // Filterable in Okta (`lastMembershipUpdated gt …`): documented as the time memberships last changed.
    parentVersion: 'lastMembershipUpdated',
    // Everyone's members are all users: they change when a user is created or deleted, which Okta does
    // not document as moving the group's field.
    parentVersionUntrustedWhen: { path: 'type', equals: 'BUILT_IN' },
  },
  {
    type: 'group.owner',
    label: 'group owners',
    scope: 'okta.groups.read',
    list: '/api/v1/groups/{groupId}/owners',
    parent: 'group',
    limit: 1000,
    get: false,
    refs: [{ path: 'id', type: ['user', 'group'] }],
    absentOn: [404],
  },
  {
    type: 'group.role',
    label: 'admin roles assigned to groups',
    scope: 'okta.roles.read',
    list: '/api/v1/groups/{groupId}/roles',
    parent: 'group',
    refs: roleRefs,
  },
  ...roleTargets('group.role', 'group', '/api/v1/groups/{groupId}/roles/{roleAssignmentId}'),
  {
    type: 'group_rule',
    label: 'group rules',
    scope: 'okta.groups.read',
    list: '/api/v1/groups/rules',
    limit: 200,
    refs: [
      { path: 'actions.assignUserToGroups.groupIds[]', type: 'group' },
      { path: 'conditions.people.groups.exclude[]', type: 'group' },
      { path: 'conditions.people.users.exclude[]', type: 'user' },
    ],
  },

  // Applications
  {
    type: 'app',
    label: 'apps',
    scope: 'okta.apps.read',
    list: '/api/v1/apps',
    limit: 200,
    secrets: ['credentials.oauthClient.client_secret', 'credentials.password.value', 'settings.app.token'],
  },
  {
    type: 'app.user',
    label: 'app user assignments',
    scope: 'okta.apps.read',
    list: '/api/v1/apps/{appId}/users',
    parent: 'app',
    limit: 500,
    secrets: ['credentials.password.value'],
    refs: [{ path: 'id', type: 'user' }],
  },
  {
    type: 'app.group',
    label: 'app group assignments',
    scope: 'okta.apps.read',
    list: '/api/v1/apps/{appId}/groups',
    parent: 'app',
    limit: 200,
    refs: [{ path: 'id', type: 'group' }],
  },
  {
    type: 'app.schema',
    label: 'app user schemas',
    scope: 'okta.schemas.read',
    list: '/api/v1/meta/schemas/apps/{appId}/default',
    parent: 'app',
    singleton: true,
    absentOn: [404],
  },
  // Metadata only, never key material or secret values: the whitelist is applied before anything
  // leaves the connector, so the certificate (`x5c`, `n`, `e`), `client_secret` and `secret_hash` are
  // never stored. Enough to list them and warn before one expires.
  {
    type: 'app.key',
    label: 'metadata of app signing keys (never the keys)',
    scope: 'okta.apps.read',
    list: '/api/v1/apps/{appId}/credentials/keys',
    parent: 'app',
    idField: 'kid',
    keep: ['kid', 'kty', 'use', 'created', 'lastUpdated', 'expiresAt'],
  },
  {
    type: 'app.secret',
    label: 'metadata of app client secrets (never their values)',
    scope: 'okta.apps.read',
    list: '/api/v1/apps/{appId}/credentials/secrets',
    parent: 'app',
    keep: ['id', 'status', 'created', 'lastUpdated'],
    // Apps that are not OAuth clients have none.
    absentOn: [400, 404],
  },
  {
    type: 'app.grant',
    label: 'app OAuth scope grants',
    scope: 'okta.appGrants.read',
    list: '/api/v1/apps/{appId}/grants',
    parent: 'app',
    absentOn: [400, 404],
  },
  {
    type: 'app.client_role',
    label: 'admin roles assigned to service apps',
    scope: 'okta.roles.read',
    list: '/oauth2/v1/clients/{clientId}/roles',
    parent: 'app',
    parentKey: 'credentials.oauthClient.client_id',
    refs: roleRefs,
    absentOn: [400, 404],
  },
  {
    type: 'profile_mapping',
    label: 'profile mappings',
    scope: 'okta.profileMappings.read',
    list: '/api/v1/mappings',
    limit: 200,
    detail: true,
    refs: [
      { path: 'source.id', type: ['app', 'user_type', 'idp'] },
      { path: 'target.id', type: ['app', 'user_type', 'idp'] },
    ],
  },

  // Policies (every PolicyType) and their rules
  ...policyTypes,

  // Authentication
  {
    type: 'authenticator',
    label: 'authenticators',
    scope: 'okta.authenticators.read',
    list: '/api/v1/authenticators',
    secrets: ['provider.configuration.secretKey'],
  },
  {
    type: 'authenticator.method',
    label: 'authenticator methods',
    scope: 'okta.authenticators.read',
    list: '/api/v1/authenticators/{authenticatorId}/methods',
    parent: 'authenticator',
    idField: 'type',
    absentOn: [400, 404],
  },
  {
    type: 'authorization_server',
    label: 'authorization servers',
    scope: 'okta.authorizationServers.read',
    list: '/api/v1/authorizationServers',
    limit: 200,
  },
  {
    type: 'authorization_server.scope',
    label: 'authorization server scopes',
    scope: 'okta.authorizationServers.read',
    list: '/api/v1/authorizationServers/{authServerId}/scopes',
    parent: 'authorization_server',
    limit: 200,
  },
  {
    type: 'authorization_server.claim',
    label: 'authorization server claims',
    scope: 'okta.authorizationServers.read',
    list: '/api/v1/authorizationServers/{authServerId}/claims',
    parent: 'authorization_server',
    refs: [{ path: 'conditions.scopes[]', type: 'authorization_server.scope', by: 'name' }],
  },
  {
    type: 'authorization_server.policy',
    label: 'authorization server policies',
    scope: 'okta.authorizationServers.read',
    list: '/api/v1/authorizationServers/{authServerId}/policies',
    parent: 'authorization_server',
    refs: [{ path: 'conditions.clients.include[]', type: 'app', by: 'credentials.oauthClient.client_id' }],
  },
  {
    type: 'authorization_server.policy.rule',
    label: 'authorization server policy rules',
    scope: 'okta.authorizationServers.read',
    list: '/api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules',
    parent: 'authorization_server.policy',
    refs: [
      ...people('conditions'),
      { path: 'conditions.scopes.include[]', type: 'authorization_server.scope', by: 'name' },
    ],
  },
  { type: 'network_zone', label: 'network zones', scope: 'okta.networkZones.read', list: '/api/v1/zones' },
  {
    type: 'idp',
    label: 'identity providers',
    scope: 'okta.idps.read',
    list: '/api/v1/idps',
    limit: 200,
    secrets: ['protocol.credentials.client.client_secret', 'protocol.credentials.signing.privateKey'],
    refs: [
      { path: 'protocol.credentials.trust.kid', type: 'idp_key' },
      { path: 'policy.provisioning.groups.assignments[]', type: 'group' },
      { path: 'policy.accountLink.filter.groups.include[]', type: 'group' },
    ],
  },
  {
    type: 'idp_key',
    label: 'identity provider keys',
    scope: 'okta.idps.read',
    list: '/api/v1/idps/credentials/keys',
    limit: 200,
    idField: 'kid',
  },
  {
    type: 'trusted_origin',
    label: 'trusted origins',
    scope: 'okta.trustedOrigins.read',
    list: '/api/v1/trustedOrigins',
    limit: 200,
  },
  { type: 'behavior', label: 'behavior detection rules', scope: 'okta.behaviors.read', list: '/api/v1/behaviors' },
  {
    type: 'device_assurance',
    label: 'device assurance policies',
    scope: 'okta.deviceAssurance.read',
    list: '/api/v1/device-assurances',
  },
  {
    type: 'captcha',
    label: 'CAPTCHA instances',
    scope: 'okta.captchas.read',
    list: '/api/v1/captchas',
    secrets: ['secretKey'],
  },
  {
    type: 'threat_insight',
    label: 'ThreatInsight settings',
    scope: 'okta.threatInsights.read',
    list: '/api/v1/threats/configuration',
    singleton: true,
  },

  // Hooks and streams
  {
    type: 'event_hook',
    label: 'event hooks',
    scope: 'okta.eventHooks.read',
    list: '/api/v1/eventHooks',
    secrets: ['channel.config.authScheme.value'],
  },
  {
    type: 'inline_hook',
    label: 'inline hooks',
    scope: 'okta.inlineHooks.read',
    list: '/api/v1/inlineHooks',
    secrets: ['channel.config.authScheme.value', 'channel.config.clientSecret'],
  },
  {
    type: 'log_stream',
    label: 'log streams',
    scope: 'okta.logStreams.read',
    list: '/api/v1/logStreams',
    limit: 200,
    secrets: ['settings.token'],
  },

  // Branding
  {
    type: 'brand',
    label: 'brands',
    scope: 'okta.brands.read',
    list: '/api/v1/brands',
    limit: 200,
    refs: [
      { path: 'defaultApp.appInstanceId', type: 'app' },
      { path: 'emailDomainId', type: 'email_domain' },
    ],
  },
  {
    type: 'brand.theme',
    label: 'brand themes',
    scope: 'okta.brands.read',
    list: '/api/v1/brands/{brandId}/themes',
    parent: 'brand',
  },
  {
    type: 'brand.sign_in_page',
    label: 'customized sign-in pages',
    scope: 'okta.brands.read',
    list: '/api/v1/brands/{brandId}/pages/sign-in/customized',
    parent: 'brand',
    singleton: true,
    absentOn: [404],
  },
  {
    type: 'brand.error_page',
    label: 'customized error pages',
    scope: 'okta.brands.read',
    list: '/api/v1/brands/{brandId}/pages/error/customized',
    parent: 'brand',
    singleton: true,
    absentOn: [404],
  },
  {
    type: 'brand.sign_out_page',
    label: 'customized sign-out pages',
    scope: 'okta.brands.read',
    list: '/api/v1/brands/{brandId}/pages/sign-out/customized',
    parent: 'brand',
    singleton: true,
    absentOn: [404],
  },
  {
    type: 'brand.email_template',
    label: 'email templates',
    scope: 'okta.templates.read',
    list: '/api/v1/brands/{brandId}/templates/email',
    parent: 'brand',
    limit: 200,
    idField: 'name',
  },
  {
    type: 'brand.email_template.customization',
    label: 'email template customizations',
    scope: 'okta.templates.read',
    list: '/api/v1/brands/{brandId}/templates/email/{templateName}/customizations',
    parent: 'brand.email_template',
    limit: 200,
  },
  {
    type: 'brand.email_template.settings',
    label: 'email template settings',
    scope: 'okta.templates.read',
    list: '/api/v1/brands/{brandId}/templates/email/{templateName}/settings',
    parent: 'brand.email_template',
    singleton: true,
    absentOn: [404],
  },
  { type: 'sms_template', label: 'SMS templates', scope: 'okta.templates.read', list: '/api/v1/templates/sms' },
  {
    type: 'custom_domain',
    label: 'custom domains',
    scope: 'okta.domains.read',
    list: '/api/v1/domains',
    items: 'domains',
    refs: [{ path: 'brandId', type: 'brand' }],
  },
  { type: 'email_domain', label: 'email domains', scope: 'okta.emailDomains.read', list: '/api/v1/email-domains' },

  // Administration
  {
    type: 'admin_role',
    label: 'custom admin roles',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/roles',
    items: 'roles',
  },
  {
    type: 'admin_role.permission',
    label: 'custom admin role permissions',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/roles/{roleIdOrLabel}/permissions',
    parent: 'admin_role',
    items: 'permissions',
    idField: 'label',
  },
  {
    type: 'resource_set',
    label: 'resource sets',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/resource-sets',
    items: 'resource-sets',
  },
  {
    type: 'resource_set.resource',
    label: 'resource set resources',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/resources',
    parent: 'resource_set',
    items: 'resources',
    limit: 100,
  },
  {
    type: 'resource_set.binding',
    label: 'resource set role bindings',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings',
    parent: 'resource_set',
    items: 'roles',
    refs: [{ path: 'id', type: 'admin_role' }],
  },
  {
    type: 'resource_set.binding.member',
    label: 'resource set binding members',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings/{roleIdOrLabel}/members',
    parent: 'resource_set.binding',
    items: 'members',
    keepLinks: true,
    refs: [{ path: '_links.self.href', type: ['user', 'group'] }],
  },
  {
    type: 'admin_assignee',
    label: 'users holding admin roles',
    scope: 'okta.roles.read',
    list: '/api/v1/iam/assignees/users',
    items: 'value',
    limit: 100,
    get: false,
    refs: [{ path: 'id', type: 'user' }],
  },
  {
    type: 'admin_assignee.role',
    label: 'admin roles assigned to users',
    scope: 'okta.roles.read',
    list: '/api/v1/users/{userId}/roles',
    parent: 'admin_assignee',
    refs: roleRefs,
  },
  ...roleTargets('admin_assignee.role', 'user', '/api/v1/users/{userId}/roles/{roleAssignmentId}'),
  // Metadata only: Okta never returns a token's value after it is created.
  {
    type: 'api_token',
    label: 'metadata of API tokens (never their values)',
    scope: 'okta.apiTokens.read',
    list: '/api/v1/api-tokens',
  },
  // The Admin Console's own session settings (compliance: idle timeout, lifetime). The path's
  // `{appName}` is fixed: `admin-console` is the only first-party app the endpoint documents.
  {
    type: 'org_setting.admin_console',
    label: 'Admin Console session settings',
    scope: 'okta.apps.read',
    list: '/api/v1/first-party-app-settings/admin-console',
    singleton: true,
  },
  { type: 'org', label: 'org settings', scope: 'okta.orgs.read', list: '/api/v1/org', singleton: true },
  {
    type: 'org_setting.user_lockout',
    label: 'user lockout settings (attack protection)',
    scope: 'okta.orgs.read',
    list: '/attack-protection/api/v1/user-lockout-settings',
    singleton: true,
    // Identity Engine only: Classic orgs have no attack-protection API.
    absentOn: [400, 404],
  },
  {
    type: 'org.preferences',
    label: 'org preferences',
    scope: 'okta.orgs.read',
    list: '/api/v1/org/preferences',
    singleton: true,
  },
  {
    type: 'org.contact',
    label: 'org contacts',
    scope: 'okta.orgs.read',
    list: '/api/v1/org/contacts',
    idField: 'contactType',
    detail: true,
    refs: [{ path: 'userId', type: 'user' }],
  },
];

/**
 * One cheap read per scope, for the access test. `okta.logs.read` is not a snapshot type: it lets a
 * diff name who changed what (System Log), so the access test asks for it too.
 */
/** Scopes whose probe reads a made-up id: a 404 there proves the read was allowed. */
export const PROBE_GRANTED_ON_404: ReadonlySet<OktaScope> = new Set(['okta.appGrants.read']);

export const SCOPE_PROBES: Record<OktaScope, string> = {
  'okta.users.read': '/api/v1/users?limit=1',
  'okta.userTypes.read': '/api/v1/meta/types/user',
  'okta.schemas.read': '/api/v1/meta/schemas/group/default',
  'okta.linkedObjects.read': '/api/v1/meta/schemas/user/linkedObjects',
  'okta.groups.read': '/api/v1/groups?limit=1',
  'okta.roles.read': '/api/v1/iam/roles',
  'okta.apiTokens.read': '/api/v1/api-tokens',
  'okta.apps.read': '/api/v1/apps?limit=1',
  // No list without an app: a made-up app id. Okta checks the scope before it looks the app up, so
  // 403 means the scope is missing and 404 means it is granted (PROBE_GRANTED_ON_404).
  'okta.appGrants.read': '/api/v1/apps/0oa00000000000000000/grants',
  'okta.profileMappings.read': '/api/v1/mappings?limit=1',
  'okta.policies.read': '/api/v1/policies?type=OKTA_SIGN_ON',
  'okta.authenticators.read': '/api/v1/authenticators',
  'okta.authorizationServers.read': '/api/v1/authorizationServers?limit=1',
  'okta.networkZones.read': '/api/v1/zones',
  'okta.idps.read': '/api/v1/idps?limit=1',
  'okta.trustedOrigins.read': '/api/v1/trustedOrigins?limit=1',
  'okta.behaviors.read': '/api/v1/behaviors',
  'okta.deviceAssurance.read': '/api/v1/device-assurances',
  'okta.captchas.read': '/api/v1/captchas',
  'okta.threatInsights.read': '/api/v1/threats/configuration',
  'okta.eventHooks.read': '/api/v1/eventHooks',
  'okta.inlineHooks.read': '/api/v1/inlineHooks',
  'okta.logStreams.read': '/api/v1/logStreams?limit=1',
  'okta.brands.read': '/api/v1/brands?limit=1',
  'okta.templates.read': '/api/v1/templates/sms',
  'okta.domains.read': '/api/v1/domains',
  'okta.emailDomains.read': '/api/v1/email-domains',
  'okta.orgs.read': '/api/v1/org',
  'okta.logs.read': '/api/v1/logs?limit=1',
};
