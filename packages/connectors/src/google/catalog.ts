/**
 * Every Google Workspace object type a backup reads, as data (shared/spec/google.md §C; decision
 * 062): the lister, the access check and the type info all read this one table.
 * - `api`: which base the path is below (Admin SDK, Cloud Identity, Groups Settings).
 * - `path`: `{customer}` is the canonical customer id (`C0…`), `{parent}` the parent's key.
 * - `items`: the field of a page holding the objects (absent: the answer is the object).
 */
import type { IdpRestoreInfo } from '@butterfly/domain/idp';

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

/**
 * What a restore's writes ask delegation for (decision 066): org units, groups, members, group
 * settings, admin roles and the v1beta1 policies (Google's full scopes include their reads). The
 * preview reads with READ_SCOPES, so it works, and names what is missing, before these are delegated.
 */
export const WRITE_SCOPES = [
  `${SCOPE}admin.directory.group`,
  `${SCOPE}admin.directory.group.member`,
  `${SCOPE}apps.groups.settings`,
  `${SCOPE}admin.directory.orgunit`,
  `${SCOPE}admin.directory.rolemanagement`,
  `${SCOPE}cloud-identity.policies`,
] as const;
const [W_GROUP, W_MEMBER, W_GROUP_SETTINGS, W_ORGUNIT, W_ROLES, W_POLICIES] = WRITE_SCOPES;

/**
 * Setting types the Policy API's v1beta1 create/patch/delete accept (decision 066). Google's
 * "Mutate supported" column names a subset; this list is ours (the same as google-sim's default)
 * and must be checked against Google's reference before a customer relies on it. Every other type
 * is a manual step.
 */
export const MUTABLE_POLICY_TYPES: readonly string[] = [
  'settings/security.password',
  'settings/security.session_controls',
  'settings/security.two_step_verification_enrollment',
  'settings/security.two_step_verification_enforcement',
  'settings/security.two_step_verification_enforcement_factor',
  'settings/security.two_step_verification_grace_period',
  'settings/security.two_step_verification_device_trust',
  'settings/security.less_secure_apps',
  'settings/security.super_admin_account_recovery',
  'settings/security.user_account_recovery',
  'settings/gmail.mail_delegation',
];

const writes = (scope: string, o: Partial<IdpRestoreInfo> = {}): IdpRestoreInfo => ({
  create: true,
  update: true,
  delete: true,
  lifecycle: false,
  assignsId: true,
  writeScopes: { create: [scope], update: [scope], delete: [scope] },
  ...o,
});
/** Not written through an API: every change is a manual step naming `console` (manual.fns.ts). */
const byHand = (reason: string): IdpRestoreInfo => ({
  create: false,
  update: false,
  delete: false,
  lifecycle: false,
  assignsId: false,
  reason,
});
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
  /** What a restore writes (write/*); types it cannot write become manual steps. */
  restore?: IdpRestoreInfo;
  /** Where the Admin console shows it: the manual step's path. */
  console: string;
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
    console: 'Account → Account settings → Profile',
    restore: byHand('The customer profile is edited in the Admin console only'),
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
    console: 'Directory → Users',
    restore: byHand(
      'Users are not restored by Butterfly (a new user has no password); add or edit them in the Admin console',
    ),
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
    console: 'Directory → Groups',
    restore: writes(W_GROUP, { naturalKey: 'email' }),
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
    console: 'Directory → Groups → Members',
    restore: { ...writes(W_MEMBER), delete: false, assignsId: false },
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
    console: 'Directory → Groups → Settings',
    // A re-created group gets Google's default settings: "creating" them is the same PATCH.
    restore: { ...writes(W_GROUP_SETTINGS), delete: false, assignsId: false },
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
    // The parent's `id:…` is its key after the prefix: a re-created parent's new id is rewritten into it.
    refs: [{ path: 'parentOrgUnitId', type: 'orgUnit', prefix: 'id:' }],
    volatile: ETAG,
    console: 'Directory → Organizational units',
    restore: writes(W_ORGUNIT, { naturalKey: 'orgUnitPath', systemWhen: [{ path: 'orgUnitPath', equals: '/' }] }),
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
    console: 'Account → Admin roles',
    restore: writes(W_ROLES, {
      naturalKey: 'roleName',
      // Google's own roles (Super Admin, Groups Admin, …) can be neither made nor changed.
      systemWhen: [{ path: 'isSystemRole', equals: true }],
    }),
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
    console: 'Account → Admin roles → Admins',
    // Google has no update of an assignment: a changed one is a manual step.
    restore: { ...writes(W_ROLES), update: false },
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
    console: 'Account → Domains → Manage domains',
    restore: byHand('A domain must be added and verified again (DNS) in the Admin console'),
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
    console: 'Account → Domains → Manage domains',
    restore: byHand('A domain alias must be added and verified again (DNS) in the Admin console'),
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
    // Google's CEL form of the target (`…orgUnitId('03ph…')`): derived from policyQuery.orgUnit/group.
    volatile: ['policyQuery.query'],
    policyLane: true,
    refs: [
      { path: 'policyQuery.orgUnit', type: 'orgUnit', prefix: 'orgUnits/' },
      { path: 'policyQuery.group', type: 'group', prefix: 'groups/' },
    ],
    console: 'Admin console settings',
    // Writable only for MUTABLE_POLICY_TYPES (v1beta1); the others are manual steps.
    restore: writes(W_POLICIES),
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
    console: 'Security → Authentication → SSO with third-party IdP → Third-party SSO profiles',
    restore: byHand('Butterfly does not write inbound SSO profiles yet; the IdP certificate is not in the snapshot'),
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
    console: 'Security → Authentication → SSO with third-party IdP → Third-party SSO profiles',
    restore: byHand('Butterfly does not write inbound SSO profiles yet; the client secret is not in the snapshot'),
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
    console: 'Security → Authentication → SSO with third-party IdP → Manage SSO profile assignments',
    restore: byHand('Butterfly does not write inbound SSO assignments yet'),
  },
];
