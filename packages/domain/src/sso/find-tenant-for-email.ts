import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { emailDomain } from './sso.fns.ts';

/**
 * Domain-based detection: the one tenant whose verified SSO domains include the email's domain and
 * which has an OIDC client. Unknown, unverified and unconfigured all answer the same NOT_FOUND, so
 * the login page leaks nothing about which domains exist elsewhere.
 */
export async function findTenantForEmail(deps: { db: Db }, email: string) {
  const domain = emailDomain(email);
  const row = domain
    ? await deps.db
        .selectFrom('tenant_domains as d')
        .innerJoin('tenants as t', 't.id', 'd.tenant_id')
        .innerJoin('tenant_sso as s', 's.tenant_id', 'd.tenant_id')
        .select(['t.id', 't.slug', 't.name', 'd.domain'])
        .where('d.domain', '=', domain)
        .where('d.verified_at', 'is not', null)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'Single sign-on is not set up for this email domain');
  return { tenantId: row.id, slug: row.slug, name: row.name, domain: row.domain };
}

/** Whether an email is on one of the tenant's verified domains (checked again at callback). */
export async function isTenantEmail(deps: { db: Db }, tenantId: string, email: string): Promise<boolean> {
  const domain = emailDomain(email);
  return !!domain && isTenantDomain(deps, tenantId, domain);
}

/** Whether a (normalised) domain is one of the tenant's verified domains. */
export async function isTenantDomain(deps: { db: Db }, tenantId: string, domain: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('tenant_domains')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('domain', '=', domain)
    .where('verified_at', 'is not', null)
    .executeTakeFirst();
  return !!row;
}
