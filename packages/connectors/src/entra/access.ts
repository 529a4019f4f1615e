import type { IdpAccessReport } from '@butterfly/domain/idp';
import type { TokenSource } from './auth/token.ts';
import { entraTypesLeftOut } from './catalog.fns.ts';
import { READ_PERMISSIONS } from './catalog.ts';
import { EntraOutboundRefusedError } from './errors.ts';

/**
 * Broader application permissions that include a read one: an app consented to Directory.Read.All
 * reads users, groups, apps, admin units, domains and the organization without their own grants.
 */
const INCLUDED_BY: Record<string, string[]> = {
  'User.Read.All': ['Directory.Read.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Group.Read.All': ['Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Application.Read.All': ['Directory.Read.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  'AdministrativeUnit.Read.All': ['Directory.Read.All', 'AdministrativeUnit.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Domain.Read.All': ['Directory.Read.All', 'Domain.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Organization.Read.All': ['Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Directory.Read.All': ['Directory.ReadWrite.All'],
  'RoleManagement.Read.Directory': ['RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'],
  'RoleAssignmentSchedule.Read.Directory': ['RoleAssignmentSchedule.ReadWrite.Directory'],
  'RoleEligibilitySchedule.Read.Directory': ['RoleEligibilitySchedule.ReadWrite.Directory'],
  'RoleManagementPolicy.Read.Directory': ['RoleManagementPolicy.ReadWrite.Directory'],
};

/** The directory audit log's permission (decision 060): optional. */
const AUDIT_PERMISSION = 'AuditLog.Read.All';

/** Whether the token's roles give this read permission, itself or through a broader one. */
export const holds = (roles: ReadonlySet<string>, permission: string) =>
  roles.has(permission) || (INCLUDED_BY[permission] ?? []).some((p) => roles.has(p));

/**
 * "Test connection" for Entra: get a token (the credential and consent), then read its `roles`
 * claim — Graph checks application permissions against exactly that claim — and say which of the
 * read consent set is missing and which types each leaves out. No Graph read is spent on it.
 */
export async function testEntraAccess(token: TokenSource, signal?: AbortSignal): Promise<IdpAccessReport> {
  let roles: Set<string>;
  try {
    roles = new Set(await token.roles(signal));
  } catch (e) {
    return {
      ok: false,
      connected: false,
      missing: [],
      detail: (e as Error).message,
      ...(e instanceof EntraOutboundRefusedError ? { code: e.code } : {}),
    };
  }
  const granted = READ_PERMISSIONS.filter((p) => holds(roles, p));
  const missing = READ_PERMISSIONS.filter((p) => !holds(roles, p)).map((scope) => ({
    scope,
    leavesOut: entraTypesLeftOut(scope),
  }));
  // Decision 060: attribution is a convenience; without the audit log the backup is complete.
  const audit = holds(roles, AUDIT_PERMISSION);
  return {
    ok: missing.length === 0,
    connected: true,
    granted: [...granted, ...(audit ? [AUDIT_PERMISSION] : [])],
    missing,
    ...(audit
      ? {}
      : { optionalMissing: [{ scope: AUDIT_PERMISSION, leavesOut: ['who made each change (directory audit log)'] }] }),
    ...(roles.size === 0
      ? { detail: 'The token carries no application permissions: grant admin consent to the app' }
      : {}),
  };
}
