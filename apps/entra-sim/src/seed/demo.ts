import type { TenantRegistry } from '../store/registry.ts';
import { seededGuid } from '../model/ids.ts';
import { registerApp, type TRegisterApp } from './register-app.ts';
import { seedTenant } from './tenant.ts';

/** The application permissions Butterfly's backup asks consent for (spec C, "Read consent set"). */
export const READ_CONSENT = [
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
  'AuditLog.Read.All',
];

/** Fixed, so other apps, tests and docs can name them. Secrets are for a local simulator only. */
export const DEMO = {
  tenantId: '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93',
  domain: 'butterflydemo.onmicrosoft.com',
  customDomain: 'butterfly-demo.test',
  displayName: 'Butterfly Demo (Entra)',
  users: 300,
  backup: { clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b', secret: 'entra-sim-backup-secret' },
  readOnly: { clientId: '8c2d4e6f-0a1b-4c3d-9e8f-7a6b5c4d3e2f', secret: 'entra-sim-readonly-secret' },
  signIn: { clientId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', secret: 'entra-sim-signin-secret' },
} as const;

export const WRITE_PERMISSIONS = [
  'Policy.ReadWrite.ConditionalAccess',
  'Policy.ReadWrite.AuthenticationMethod',
  'Policy.ReadWrite.Authorization',
  'Application.ReadWrite.All',
  'Group.ReadWrite.All',
];

/**
 * The demo tenant and its three apps: Butterfly's backup app (read consent set plus the restore
 * writes), a read-only one, and a sign-in app whose redirect URIs are given at start.
 */
export async function seedDemo(
  registry: TenantRegistry,
  now: Date,
  signIn: { redirectUris: string[]; logoutUrl?: string },
) {
  const t = seedTenant(registry, {
    id: DEMO.tenantId,
    domain: DEMO.domain,
    customDomain: DEMO.customDomain,
    displayName: DEMO.displayName,
    users: DEMO.users,
  });
  const fixed = (a: TRegisterApp & { clientId: string }) => ({
    ...a,
    appObjectId: seededGuid(t.id, 'regapp', a.clientId),
    servicePrincipalId: seededGuid(t.id, 'regsp', a.clientId),
  });
  const apps = [
    await registerApp(
      t,
      fixed({ ...DEMO.backup, displayName: 'Butterfly Backup', roles: [...READ_CONSENT, ...WRITE_PERMISSIONS] }),
      now,
    ),
    await registerApp(
      t,
      fixed({ ...DEMO.readOnly, displayName: 'Butterfly Backup (read-only)', roles: READ_CONSENT }),
      now,
    ),
    await registerApp(t, fixed({ ...DEMO.signIn, displayName: 'Butterfly Sign-in', ...signIn }), now),
  ];
  return { tenant: t, apps };
}
