const A = 'https://www.googleapis.com/auth/';

/** Google's scope URLs, by short name. */
export const SCOPE = {
  user: `${A}admin.directory.user`,
  userRead: `${A}admin.directory.user.readonly`,
  group: `${A}admin.directory.group`,
  groupRead: `${A}admin.directory.group.readonly`,
  member: `${A}admin.directory.group.member`,
  memberRead: `${A}admin.directory.group.member.readonly`,
  orgunit: `${A}admin.directory.orgunit`,
  orgunitRead: `${A}admin.directory.orgunit.readonly`,
  roles: `${A}admin.directory.rolemanagement`,
  rolesRead: `${A}admin.directory.rolemanagement.readonly`,
  domain: `${A}admin.directory.domain`,
  domainRead: `${A}admin.directory.domain.readonly`,
  customer: `${A}admin.directory.customer`,
  customerRead: `${A}admin.directory.customer.readonly`,
  policies: `${A}cloud-identity.policies`,
  policiesRead: `${A}cloud-identity.policies.readonly`,
  inboundSso: `${A}cloud-identity.inboundsso`,
  inboundSsoRead: `${A}cloud-identity.inboundsso.readonly`,
  audit: `${A}admin.reports.audit.readonly`,
  groupsSettings: `${A}apps.groups.settings`,
  licensing: `${A}apps.licensing`,
} as const;

/** ScubaGoggles' read set (spec C): what Butterfly's backup asks delegation for. */
export const READ_SCOPES = [
  SCOPE.userRead,
  SCOPE.groupRead,
  SCOPE.orgunitRead,
  SCOPE.rolesRead,
  SCOPE.domainRead,
  SCOPE.customerRead,
  SCOPE.policiesRead,
  SCOPE.inboundSsoRead,
  SCOPE.audit,
  SCOPE.groupsSettings,
  SCOPE.licensing,
];

/** The writes a restore of org units, groups, members, role assignments and mutable policies needs (plus user updates for sync tests). */
export const WRITE_SCOPES = [SCOPE.user, SCOPE.group, SCOPE.member, SCOPE.orgunit, SCOPE.roles, SCOPE.policies];

/** A Google scope URL (or `openid`/`email`/`profile`). */
export const isKnownScope = (s: string) =>
  s === 'openid' || s === 'email' || s === 'profile' || (s.startsWith(A) && s.length > A.length);
