import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ZIssuer } from './sso.fns.ts';

export const ZSetSsoSettingsInput = z.object({
  issuer: ZIssuer,
  clientId: z.string().trim().min(1).max(200),
  /** Omitted: keep the stored secret (the dashboard never shows it back). */
  clientSecret: z.string().min(1).max(500).optional(),
});
export type TSetSsoSettingsInput = z.input<typeof ZSetSsoSettingsInput>;

export const SSO_SECRET_PURPOSE = 'sso.client_secret';

/** Stores the tenant's OIDC client (issuer, client id, sealed client secret). */
export async function setSsoSettings(deps: Deps, tenantId: string, raw: TSetSsoSettingsInput) {
  const input = parseInput(ZSetSsoSettingsInput, raw);
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
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_sealed: sealed,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({
          issuer: input.issuer,
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
        data: { issuer: input.issuer, clientId: input.clientId, secretChanged: !!input.clientSecret },
      },
    );
    return { issuer: input.issuer, clientId: input.clientId, hasClientSecret: true };
  });
}
