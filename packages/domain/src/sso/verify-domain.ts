import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { normalizeDomain } from '../tenants/tenants.fns.ts';
import { verificationRecord } from './sso.fns.ts';

/** Resolves TXT records of a name (node:dns's `resolveTxt` shape); configuration picks the DNS server. */
export type TxtResolver = (name: string) => Promise<string[][]>;

/**
 * Marks a tenant's domain verified, either because its DNS carries `butterfly-verification=<token>`
 * (method 'dns', through the configured resolver) or because an operator says so (method
 * 'operator', CLI only). Only verified domains take part in sign-in detection, and a verified domain
 * belongs to one tenant: verifying one that another tenant has verified fails with DOMAIN_TAKEN,
 * which names no tenant.
 */
export async function verifyDomain(
  deps: Deps & { resolveTxt?: TxtResolver },
  tenantId: string,
  input: { domain: string; method: 'dns' | 'operator' },
) {
  if (input.method === 'operator' && deps.actor.kind !== 'operator')
    throw new DomainError('FORBIDDEN', 'Only an operator verifies a domain by hand');
  await authorize(deps, tenantId, 'sso.manage');
  const domain = normalizeDomain(input.domain);
  if (!domain)
    throw new DomainError('VALIDATION', `"${input.domain}" is not a valid domain name`, {
      fields: { domain: 'is not a valid domain name' },
    });
  const row = await deps.db
    .selectFrom('tenant_domains')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('domain', '=', domain)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `${domain} is not a domain of this tenant`);
  if (row.verified_at) return { domain, verifiedAt: row.verified_at.toISOString() };
  if (input.method === 'dns') {
    if (!deps.resolveTxt) throw new DomainError('INTERNAL', 'No DNS resolver configured');
    const records = await deps.resolveTxt(domain).catch(() => [] as string[][]);
    const expected = verificationRecord(row.verification_token);
    if (!records.some((chunks) => chunks.join('') === expected)) {
      throw new DomainError(
        'CONFLICT',
        `No TXT record "${expected}" found on ${domain} yet; DNS changes can take a while to appear`,
      );
    }
  }
  try {
    return await inTransaction(deps.db, async (trx) => {
      const now = deps.clock();
      await trx.updateTable('tenant_domains').set({ verified_at: now }).where('id', '=', row.id).execute();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'sso.domain_verified',
          target: { type: 'domain', id: domain },
          data: { method: input.method },
        },
      );
      return { domain, verifiedAt: now.toISOString() };
    });
  } catch (e) {
    // The partial unique index (verified domains only) decides, so two verifications racing cannot both win.
    if (isUniqueViolation(e, 'tenant_domains_verified_domain_key')) {
      throw new DomainError(
        'DOMAIN_TAKEN',
        `${domain} is already verified by another Butterfly organisation; ask Butterfly support if it is yours`,
      );
    }
    throw e;
  }
}
