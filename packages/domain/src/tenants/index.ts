/** @butterfly/domain/tenants: the tenants area's use-cases and types, for the apps, API and jobs. */
export { createTenant, ZCreateTenantInput, type TCreateTenantInput } from './create-tenant.ts';
export { getTenantBySlug } from './get-tenant.ts';
export { normalizeDomain, ZDomain, ZTenantSlug } from './tenants.fns.ts';
