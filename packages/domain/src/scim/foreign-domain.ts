import type { Db } from '../deps.ts';
import { emailDomain } from '../sso/sso.fns.ts';
import { scimInvalid } from './scim-error.ts';

/**
 * Refuses email-like values (email, userName) on a domain another tenant has verified: a SCIM client
 * of tenant A must not mint members that look like tenant B's people (to phish B's staff through
 * A's notifications, or to confuse an auditor). The answer names the domain the client sent, never
 * the tenant that verified it.
 */
export async function assertNoForeignVerifiedDomain(db: Db, tenantId: string, values: (string | null | undefined)[]) {
  const domains = [...new Set(values.flatMap((v) => (v ? (emailDomain(v) ?? []) : [])))];
  if (!domains.length) return;
  const foreign = await db
    .selectFrom('tenant_domains')
    .select('domain')
    .where('domain', 'in', domains)
    .where('verified_at', 'is not', null)
    .where('tenant_id', '<>', tenantId)
    .executeTakeFirst();
  if (foreign) {
    throw scimInvalid(
      'invalidValue',
      `Addresses on ${foreign.domain} cannot be provisioned here: that domain is verified by another organisation`,
    );
  }
}
