import type { TenantRegistry } from '../store/registry.ts';
import type { Tenant } from '../store/tenant.ts';
import { seedApps } from './apps.ts';
import { seedDomains, seedGroups, seedOrganization, seedSkus, seedUsers } from './directory.ts';
import { seedAuthMethods } from './auth-methods.ts';
import { seedConditionalAccess } from './conditional-access.ts';
import { seedTenantPolicies } from './tenant-policies.ts';
import { seedRoles } from './roles.ts';

export interface TSeedTenant {
  id: string;
  /** The initial domain, `<name>.onmicrosoft.com`. */
  domain: string;
  /** A verified custom domain users' UPNs and mail are on. */
  customDomain: string;
  displayName: string;
  users: number;
  /** Whether an Entra ID P2 SKU is subscribed (P2-only checks are skipped without it). */
  p2?: boolean;
}

/**
 * A whole tenant: directory, apps, policies and roles, with the deliberate SCuBA MS.AAD failures
 * documented in conditional-access.ts, auth-methods.ts, tenant-policies.ts, roles.ts and directory.ts (summary in the README).
 */
export function seedTenant(registry: TenantRegistry, s: TSeedTenant): Tenant {
  const t = registry.create(s.id, s.domain, s.displayName);
  seedDomains(t, s.customDomain);
  seedOrganization(t, s.customDomain);
  seedSkus(t, s.users, s.p2 ?? true);
  const users = seedUsers(t, s.customDomain, Math.max(1, s.users));
  seedGroups(t, users);
  seedApps(t, users);
  // The admin (user 0) is the break-glass exclusion of the CA policies.
  seedConditionalAccess(t, users[0]!.id);
  seedAuthMethods(t);
  seedTenantPolicies(t);
  seedRoles(t, users);
  return t;
}
