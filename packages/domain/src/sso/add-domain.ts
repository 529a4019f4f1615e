import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { newVerificationToken, normalizeDomain } from '../tenants/tenants.fns.ts';
import { verificationRecord } from './sso.fns.ts';

/**
 * Adds an SSO domain (unverified) and returns the TXT record that proves control of it. A claim is
 * the tenant's own until verified: another tenant's claim, verified or not, neither blocks it nor is
 * revealed by it (verification is where a domain becomes exclusive).
 */
export async function addDomain(deps: Deps, tenantId: string, input: { domain: string }) {
  await authorize(deps, tenantId, 'sso.manage');
  const domain = normalizeDomain(input.domain);
  if (!domain)
    throw new DomainError('VALIDATION', `"${input.domain}" is not a valid domain name`, {
      fields: { domain: 'is not a valid domain name' },
    });
  try {
    return await inTransaction(deps.db, async (trx) => {
      const token = newVerificationToken();
      await trx
        .insertInto('tenant_domains')
        .values({ tenant_id: tenantId, domain, verification_token: token })
        .execute();
      await appendAuditEvent(
        { ...deps, db: trx },
        { tenantId, action: 'sso.domain_added', target: { type: 'domain', id: domain } },
      );
      return { domain, txtRecord: verificationRecord(token) };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'tenant_domains_tenant_domain_key'))
      throw new DomainError('CONFLICT', `${domain} is already one of this organisation's domains`);
    throw e;
  }
}

export async function removeDomain(deps: Deps, tenantId: string, input: { domain: string }) {
  await authorize(deps, tenantId, 'sso.manage');
  const domain = normalizeDomain(input.domain) ?? '';
  return inTransaction(deps.db, async (trx) => {
    const r = await trx
      .deleteFrom('tenant_domains')
      .where('tenant_id', '=', tenantId)
      .where('domain', '=', domain)
      .executeTakeFirst();
    if (!Number(r.numDeletedRows)) throw new DomainError('NOT_FOUND', `${input.domain} is not a domain of this tenant`);
    await appendAuditEvent(
      { ...deps, db: trx },
      { tenantId, action: 'sso.domain_removed', target: { type: 'domain', id: domain } },
    );
    return { domain };
  });
}
