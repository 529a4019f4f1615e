import type { Db } from '../deps.ts';
import type { TSsoProvider } from '../sso/get-sso-settings.ts';

/**
 * The tenant behind a logout receiver's URL and the IdP it trusts: issuer and client id only (the
 * client secret stays sealed; receivers verify signatures with the issuer's public keys). Null for
 * an unknown tenant and for one without SSO settings: to a receiver both are "not configured".
 */
export async function findLogoutTarget(deps: { db: Db }, slug: string) {
  const row = await deps.db
    .selectFrom('tenants as t')
    .innerJoin('tenant_sso as s', 's.tenant_id', 't.id')
    .select(['t.id', 't.slug', 's.provider', 's.issuer', 's.client_id'])
    .where('t.slug', '=', slug)
    .executeTakeFirst();
  return row
    ? {
        tenantId: row.id,
        slug: row.slug,
        provider: row.provider as TSsoProvider,
        issuer: row.issuer,
        clientId: row.client_id,
      }
    : null;
}
