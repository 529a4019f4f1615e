import { openSecret } from '../crypto/secrets.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { entraAuthorityOf } from './entra.fns.ts';
import { SSO_SECRET_PURPOSE } from './set-sso-settings.ts';

/**
 * `oidc`: any OpenID provider by its issuer (Okta first). `entra`: Microsoft Entra ID (decision 056).
 * `google`: Google Workspace (decision 063).
 */
export type TSsoProvider = 'oidc' | 'entra' | 'google';

/** What the SSO settings page shows: never the secret, only whether one is stored. */
export async function getSsoSettings(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'sso.manage');
  const sso = await deps.db
    .selectFrom('tenant_sso')
    .select(['provider', 'issuer', 'directory_id', 'client_id', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const domains = await deps.db
    .selectFrom('tenant_domains')
    .select(['domain', 'verification_token', 'verified_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('domain')
    .execute();
  return {
    client: sso
      ? {
          provider: sso.provider as TSsoProvider,
          issuer: sso.issuer,
          directoryId: sso.directory_id,
          authorityUrl: sso.directory_id ? entraAuthorityOf(sso.issuer, sso.directory_id) : null,
          clientId: sso.client_id,
          hasClientSecret: true,
          updatedAt: sso.updated_at.toISOString(),
        }
      : null,
    domains: domains.map((d) => ({
      domain: d.domain,
      verificationToken: d.verification_token,
      verifiedAt: d.verified_at?.toISOString() ?? null,
    })),
  };
}

/**
 * The tenant's OIDC client with its secret opened, for the sign-in strategy only (server side, never
 * returned to a browser). Not a member action: no permission check.
 */
export async function loadSsoClient(deps: Pick<Deps, 'db' | 'keyring'>, tenantId: string) {
  const sso = await deps.db.selectFrom('tenant_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!sso) return null;
  return {
    provider: sso.provider as TSsoProvider,
    issuer: sso.issuer,
    /** Entra only: the directory every ID token's `tid` must name. */
    directoryId: sso.directory_id,
    clientId: sso.client_id,
    clientSecret: await openSecret(deps, tenantId, SSO_SECRET_PURPOSE, sso.client_secret_sealed),
  };
}
