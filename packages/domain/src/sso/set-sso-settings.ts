import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ENTRA_DEFAULT_AUTHORITY, ZDirectoryId, ZEntraAuthority, entraIssuer } from './entra.fns.ts';
import { GOOGLE_DEFAULT_ISSUER, isGoogleIssuer } from './google.fns.ts';
import { ZIssuer } from './sso.fns.ts';

const ZClient = {
  clientId: z.string().trim().min(1).max(200),
  /** Omitted: keep the stored secret (the dashboard never shows it back). */
  clientSecret: z.string().min(1).max(500).optional(),
};

/**
 * Any OIDC provider (Okta first) by its issuer, Microsoft Entra ID by the customer's directory, or
 * Google Workspace: the issuer of an Entra client is derived (`<authority>/<directoryId>/v2.0`), never
 * typed, so it can be neither `common` nor the `{tenantid}` placeholder (decision 056); a Google
 * client's issuer is Google's own unless another is given (google-sim, decision 063), and which
 * organisation may sign in is decided by the tenant's verified domains against the `hd` claim. No
 * `provider` means OIDC, as before Entra existed.
 */
export const ZSetSsoSettingsInput = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('oidc').optional(),
    issuer: ZIssuer.refine(
      (u) => !isGoogleIssuer(u),
      "is Google's: choose the Google Workspace provider (--google), which checks the hosted domain (hd)",
    ),
    ...ZClient,
  }),
  z.object({
    provider: z.literal('entra'),
    directoryId: ZDirectoryId,
    authorityUrl: ZEntraAuthority.default(ENTRA_DEFAULT_AUTHORITY),
    ...ZClient,
  }),
  z.object({ provider: z.literal('google'), issuer: ZIssuer.default(GOOGLE_DEFAULT_ISSUER), ...ZClient }),
]);
export type TSetSsoSettingsInput = z.input<typeof ZSetSsoSettingsInput>;

/** The stored shape of either kind: the issuer to discover and check, and the Entra directory if any. */
function storedClient(input: z.output<typeof ZSetSsoSettingsInput>) {
  return input.provider === 'entra'
    ? {
        provider: 'entra' as const,
        issuer: entraIssuer(input.authorityUrl, input.directoryId),
        directoryId: input.directoryId,
      }
    : { provider: input.provider ?? ('oidc' as const), issuer: input.issuer, directoryId: null };
}

export const SSO_SECRET_PURPOSE = 'sso.client_secret';

/** Stores the tenant's OIDC client (issuer, client id, sealed client secret). */
export async function setSsoSettings(deps: Deps, tenantId: string, raw: TSetSsoSettingsInput) {
  const input = parseInput(ZSetSsoSettingsInput, raw);
  const stored = storedClient(input);
  await authorize(deps, tenantId, 'sso.manage');
  return inTransaction(deps.db, async (trx) => {
    const existing = await trx
      .selectFrom('tenant_sso')
      .select('client_secret_sealed')
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .executeTakeFirst();
    const sealed = input.clientSecret
      ? await sealSecret({ ...deps, db: trx }, tenantId, SSO_SECRET_PURPOSE, input.clientSecret)
      : existing?.client_secret_sealed;
    if (!sealed)
      throw new DomainError('VALIDATION', 'clientSecret: is required the first time', {
        fields: { clientSecret: 'is required the first time' },
      });
    const now = deps.clock();
    await trx
      .insertInto('tenant_sso')
      .values({
        tenant_id: tenantId,
        provider: stored.provider,
        issuer: stored.issuer,
        directory_id: stored.directoryId,
        client_id: input.clientId,
        client_secret_sealed: sealed,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({
          provider: stored.provider,
          issuer: stored.issuer,
          directory_id: stored.directoryId,
          client_id: input.clientId,
          client_secret_sealed: sealed,
          updated_at: now,
        }),
      )
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'sso.settings_changed',
        target: { type: 'tenant', id: tenantId },
        data: {
          provider: stored.provider,
          issuer: stored.issuer,
          ...(stored.directoryId ? { directoryId: stored.directoryId } : {}),
          clientId: input.clientId,
          secretChanged: !!input.clientSecret,
        },
      },
    );
    return {
      provider: stored.provider,
      issuer: stored.issuer,
      directoryId: stored.directoryId,
      clientId: input.clientId,
      hasClientSecret: true,
    };
  });
}
