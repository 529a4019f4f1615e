/**
 * Every Google Workspace object type a backup reads, as data (shared/spec/google.md §C; decision
 * 062): the lister, the access check and the type info all read this one table.
 * - `api`: which base the path is below (Admin SDK, Cloud Identity, Groups Settings).
 * - `path`: `{customer}` is the canonical customer id (`C0…`), `{parent}` the parent's key.
 * - `items`: the field of a page holding the objects (absent: the answer is the object).
 */
const SCOPE = 'https://www.googleapis.com/auth/';
export const READ_SCOPES = [
  `${SCOPE}admin.directory.customer.readonly`,
  `${SCOPE}admin.directory.user.readonly`,
  `${SCOPE}admin.directory.group.readonly`,
  `${SCOPE}apps.groups.settings`,
  `${SCOPE}admin.directory.orgunit.readonly`,
  `${SCOPE}admin.directory.rolemanagement.readonly`,
  `${SCOPE}admin.directory.domain.readonly`,
  `${SCOPE}cloud-identity.policies.readonly`,
  `${SCOPE}cloud-identity.inboundsso.readonly`,
] as const;
export type GoogleScope = (typeof READ_SCOPES)[number];
const [CUSTOMER, USER, GROUP, GROUP_SETTINGS, ORGUNIT, ROLES, DOMAIN, POLICIES, INBOUND_SSO] = READ_SCOPES;

export type GoogleApi = 'directory' | 'cloudidentity' | 'groupssettings';

export interface GoogleObjectType {
  type: string;
  label: string;
  scope: GoogleScope;
  api: GoogleApi;
  path: string;
  query?: Record<string, string>;
  items?: string;
  parent?: string;
  /** The parent's field its child paths are keyed by (default the parent's `idField`). */
  parentKey?: string;
  /** One object per parent (or per customer): the answer itself. */
  singleton?: boolean;
  /** Decision 014: a relation list (a group's members) is one object per parent holding the sorted keys. */
  collapse?: { field: string; keep: string[] };
  idField?: string;
  /** Resource-name prefix dropped from the id (`policies/abc` → `abc`). */
  namePrefix?: string;
  /** `prefix`: the value is a Cloud Identity resource name (`orgUnits/<id>`, `groups/<id>`). */
  refs?: { path: string; type: string | string[]; by?: string; prefix?: string }[];
  /** The Policy API: a page a second at most (the governor's policy lane). */
  policyLane?: boolean;
  volatile?: string[];
}

const D = '/admin/directory/v1';
const ETAG = ['etag'];
/** The customer's own resources, named the way Cloud Identity filters want them. */
const byCustomer = { filter: 'customer=="customers/{customer}"' };

export const GOOGLE_CATALOG: GoogleObjectType[] = [
  {
    type: 'customer',
    label: 'Customer',
    scope: CUSTOMER,
    api: 'directory',
    path: `${D}/customers/my_customer`,
    singleton: true,
    volatile: ETAG,
  },
  {
    type: 'user',
    label: 'Users',
    scope: USER,
    api: 'directory',
    path: `${D}/users`,
    // Google's largest page; `full` carries isEnrolledIn2Sv/isEnforcedIn2Sv, admin flags and custom schemas.
    query: { customer: '{customer}', maxResults: '500', projection: 'full' },
    items: 'users',
    refs: [{ path: 'orgUnitPath', type: 'orgUnit', by: 'orgUnitPath' }],
    volatile: ['etag', 'lastLoginTime', 'thumbnailPhotoEtag', 'thumbnailPhotoUrl'],
  },
  {
    type: 'group',
    label: 'Groups',
    scope: GROUP,
    api: 'directory',
    path: `${D}/groups`,
    query: { customer: '{customer}', maxResults: '200' },
    items: 'groups',
    volatile: ['etag', 'directMembersCount'],
  },
  {
    type: 'group.members',
    label: 'Group members',
    scope: GROUP,
    api: 'directory',
    path: `${D}/groups/{parent}/members`,
    query: { maxResults: '200' },
    items: 'members',
    parent: 'group',
    collapse: { field: 'members', keep: ['id', 'email', 'role', 'type', 'status', 'delivery_settings'] },
    refs: [{ path: 'members[].id', type: ['user', 'group'] }],
  },
  {
    type: 'group.settings',
    label: 'Group settings',
    scope: GROUP_SETTINGS,
    api: 'groupssettings',
    path: '/groups/v1/groups/{parent}',
    query: { alt: 'json' },
    parent: 'group',
    parentKey: 'email',
    singleton: true,
  },
  {
    type: 'orgUnit',
    label: 'Organizational units',
    scope: ORGUNIT,
    api: 'directory',
    path: `${D}/customer/{customer}/orgunits`,
    // Google's `all` leaves out the root, which policies, SSO assignments and role assignments name too.
    query: { type: 'allIncludingParent' },
    items: 'organizationUnits',
    idField: 'orgUnitId',
    // An org unit's own `orgUnitId` is `id:03ph…`, but a role assignment's `orgUnitId` (and Cloud
    // Identity's `orgUnits/03ph…`) carry the bare id: the key is the bare id, so they name it.
    namePrefix: 'id:',
    refs: [{ path: 'parentOrgUnitId', type: 'orgUnit', by: 'orgUnitId' }],
    volatile: ETAG,
  },
  {
    type: 'role',
    label: 'Admin roles',
    scope: ROLES,
    api: 'directory',
    path: `${D}/customer/{customer}/roles`,
    query: { maxResults: '100' },
    items: 'items',
    idField: 'roleId',
    volatile: ETAG,
  },
  {
    type: 'roleAssignment',
    label: 'Admin role assignments',
    scope: ROLES,
    api: 'directory',
    path: `${D}/customer/{customer}/roleassignments`,
    query: { maxResults: '200' },
    items: 'items',
    idField: 'roleAssignmentId',
    refs: [
      { path: 'roleId', type: 'role' },
      { path: 'assignedTo', type: ['user', 'group'] },
      { path: 'orgUnitId', type: 'orgUnit' },
    ],
    volatile: ETAG,
  },
  {
    type: 'domain',
    label: 'Domains',
    scope: DOMAIN,
    api: 'directory',
    path: `${D}/customer/{customer}/domains`,
    items: 'domains',
    idField: 'domainName',
    volatile: ETAG,
  },
  {
    type: 'domainAlias',
    label: 'Domain aliases',
    scope: DOMAIN,
    api: 'directory',
    path: `${D}/customer/{customer}/domainaliases`,
    items: 'domainAliases',
    idField: 'domainAliasName',
    refs: [{ path: 'parentDomainName', type: 'domain', by: 'domainName' }],
    volatile: ETAG,
  },
  {
    type: 'policy',
    label: 'Policies (Cloud Identity)',
    scope: POLICIES,
    api: 'cloudidentity',
    path: '/v1/policies',
    query: { pageSize: '100', filter: 'customer == "customers/{customer}"' },
    items: 'policies',
    idField: 'name',
    namePrefix: 'policies/',
    policyLane: true,
    refs: [
      { path: 'policyQuery.orgUnit', type: 'orgUnit', prefix: 'orgUnits/' },
      { path: 'policyQuery.group', type: 'group', prefix: 'groups/' },
    ],
  },
  {
    type: 'inboundSamlSsoProfile',
    label: 'Inbound SAML SSO profiles',
    scope: INBOUND_SSO,
    api: 'cloudidentity',
    path: '/v1/inboundSamlSsoProfiles',
    query: byCustomer,
    items: 'inboundSamlSsoProfiles',
    idField: 'name',
    namePrefix: 'inboundSamlSsoProfiles/',
  },
  {
    type: 'inboundOidcSsoProfile',
    label: 'Inbound OIDC SSO profiles',
    scope: INBOUND_SSO,
    api: 'cloudidentity',
    path: '/v1/inboundOidcSsoProfiles',
    query: byCustomer,
    items: 'inboundOidcSsoProfiles',
    idField: 'name',
    namePrefix: 'inboundOidcSsoProfiles/',
  },
  {
    type: 'inboundSsoAssignment',
    label: 'Inbound SSO assignments',
    scope: INBOUND_SSO,
    api: 'cloudidentity',
    path: '/v1/inboundSsoAssignments',
    query: byCustomer,
    items: 'inboundSsoAssignments',
    idField: 'name',
    namePrefix: 'inboundSsoAssignments/',
    refs: [
      { path: 'samlSsoInfo.inboundSamlSsoProfile', type: 'inboundSamlSsoProfile', prefix: 'inboundSamlSsoProfiles/' },
      { path: 'oidcSsoInfo.inboundOidcSsoProfile', type: 'inboundOidcSsoProfile', prefix: 'inboundOidcSsoProfiles/' },
      { path: 'targetOrgUnit', type: 'orgUnit', prefix: 'orgUnits/' },
      { path: 'targetGroup', type: 'group', prefix: 'groups/' },
    ],
  },
];
