import type { Db } from '../deps.ts';
import { emailDomain } from '../sso/sso.fns.ts';
import { scimInvalid } from './scim-error.ts';

/** The distinct domains of the email-like values given. */
export const emailDomains = (values: (string | null | undefined)[]) => [
  ...new Set(values.flatMap((v) => (v ? (emailDomain(v) ?? []) : []))),
];

/** The refusal of a value on `domain`: it names the domain the client sent, never the tenant that verified it. */
export const foreignDomainError = (domain: string) =>
  scimInvalid(
    'invalidValue',
    `Addresses on ${domain} cannot be provisioned here: that domain is verified by another organisation`,
  );

/**
 * Refuses email-like values (email, userName) on a domain another tenant has verified: a SCIM client
 * of tenant A must not mint members that look like tenant B's people (to phish B's staff through
 * A's notifications, or to confuse an auditor). The answer names the domain the client sent, never
 * the tenant that verified it.
 */
export async function assertNoForeignVerifiedDomain(db: Db, tenantId: string, values: (string | null | undefined)[]) {
  const domains = emailDomains(values);
  if (!domains.length) return;
  const foreign = await db
    .selectFrom('tenant_domains')
    .select('domain')
    .where('domain', 'in', domains)
    .where('verified_at', 'is not', null)
    .where('tenant_id', '<>', tenantId)
    .executeTakeFirst();
  if (foreign) throw foreignDomainError(foreign.domain);
}
