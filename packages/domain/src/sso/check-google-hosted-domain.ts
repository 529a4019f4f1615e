import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { normalizeDomain } from '../tenants/tenants.fns.ts';
import { auditSignInRefused } from './audit-sign-in-refused.ts';
import { isTenantDomain } from './find-tenant-for-email.ts';

/**
 * The tenant check of a Google sign-in (decision 063): the ID token's `hd` (hosted domain) claim
 * must be one of the tenant's verified domains. Google signs every account's tokens with the same
 * keys and for the same client, so a valid signature says nothing about whose person this is; the
 * `hd` *request* parameter only shapes Google's account chooser. A consumer account (no `hd`) is
 * refused even with an email on the tenant's domain, since anyone can make one with a work address;
 * an `hd` of another organisation is refused too. Each refusal is audited (`sso.sign_in_refused`)
 * and throws SSO_HD_MISSING or SSO_WRONG_DOMAIN; returns the normalised `hd` otherwise.
 */
export async function checkGoogleHostedDomain(
  deps: Deps,
  tenantId: string,
  token: { hd: string | null | undefined; email: string },
): Promise<string> {
  const sso = await deps.db
    .selectFrom('tenant_sso')
    .select('provider')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (sso?.provider !== 'google') {
    await auditSignInRefused(deps, tenantId, { reason: 'provider_not_google', email: token.email });
    throw new DomainError('FORBIDDEN', 'This organisation does not sign in with Google');
  }
  if (typeof token.hd !== 'string' || token.hd === '') {
    await auditSignInRefused(deps, tenantId, { reason: 'google_hd_missing', email: token.email });
    throw new DomainError(
      'SSO_HD_MISSING',
      `${token.email} is a personal Google account, not an account of a Google Workspace organisation`,
    );
  }
  const hd = normalizeDomain(token.hd);
  if (!hd || !(await isTenantDomain(deps, tenantId, hd))) {
    await auditSignInRefused(deps, tenantId, {
      reason: 'google_wrong_domain',
      hd: token.hd.slice(0, 253),
      email: token.email,
    });
    throw new DomainError('SSO_WRONG_DOMAIN', 'The Google account belongs to another Google Workspace organisation');
  }
  return hd;
}
