/**
 * The permission matrix of shared/spec/roles.md: the product's contract, held here and nowhere else.
 * Every check (tRPC middleware, domain use-cases, dashboard routes) reads this table, and the README
 * and the configuration guide render it from here (`pnpm docs:matrix`).
 */
export const ROLES = ['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const ADMINS: readonly Role[] = ['super_admin', 'admin'];
const OPERATORS: readonly Role[] = ['super_admin', 'admin', 'backup_operator'];
const AUDITORS: readonly Role[] = ['super_admin', 'admin', 'auditor'];
const SUPER: readonly Role[] = ['super_admin'];

export const PERMISSIONS = {
  'dashboard.view': { allows: "see the dashboard, connections' status, snapshot list", roles: ALL },
  'snapshot.read': { allows: 'browse snapshot contents and diffs (secrets redacted)', roles: ALL },
  'compliance.read': { allows: 'see scan results and scores', roles: ALL },
  'backup.run': { allows: 'start a backup now', roles: OPERATORS },
  'restore.preview': { allows: 'compute a restore preview', roles: OPERATORS },
  'restore.apply': { allows: 'apply a previewed restore', roles: OPERATORS },
  'compliance.run': { allows: 'start a compliance scan', roles: AUDITORS },
  'evidence.export': { allows: 'download evidence reports', roles: AUDITORS },
  'audit.read': { allows: 'read the audit log', roles: AUDITORS },
  'member.read': { allows: 'list members and their roles', roles: AUDITORS },
  'schedule.manage': {
    allows: 'backup and scan schedules, retention, alert webhooks (and seeing their full target URLs)',
    roles: ADMINS,
  },
  'connection.manage': { allows: 'add or change IdP connections and their credentials', roles: ADMINS },
  'member.manage': { allows: 'change roles, deactivate members (never to or from super_admin)', roles: ADMINS },
  'sso.manage': { allows: 'SSO settings and domains', roles: SUPER },
  'scim.manage': { allows: 'mint and revoke SCIM tokens', roles: SUPER },
  'tenant.manage': { allows: 'tenant settings, super_admin grants', roles: SUPER },
  'token.own': { allows: "mint and revoke one's own API tokens (never above one's role)", roles: ALL },
} as const satisfies Record<string, { allows: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
