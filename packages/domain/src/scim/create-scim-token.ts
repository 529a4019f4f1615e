import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { generateSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { ZName, parseInput } from '../validation.fns.ts';

export const SCIM_TOKEN_PREFIX = 'bfys_';

export const ZCreateScimTokenInput = z.object({ label: ZName.default('SCIM') });
export type TCreateScimTokenInput = z.input<typeof ZCreateScimTokenInput>;

/**
 * Mints a SCIM bearer token for a tenant. The raw token is returned once and never stored; several
 * may be active at once, so a customer rotates by minting, switching the IdP, then revoking the old.
 */
export async function createScimToken(deps: Deps, tenantId: string, raw: TCreateScimTokenInput = {}) {
  const input = parseInput(ZCreateScimTokenInput, raw);
  await authorize(deps, tenantId, 'scim.manage');
  const secret = generateSecret(SCIM_TOKEN_PREFIX);
  // Enough to tell tokens apart in a list, far too little to guess the rest from.
  const prefix = secret.raw.slice(0, SCIM_TOKEN_PREFIX.length + 6);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('scim_tokens')
      .values({ tenant_id: tenantId, label: input.label, prefix, token_hash: secret.hash })
      .returning(['id', 'label', 'prefix', 'created_at'])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'scim_token.created',
        target: { type: 'scim_token', id: row.id },
        data: { label: row.label, prefix },
      },
    );
    return {
      id: row.id,
      label: row.label,
      prefix: row.prefix,
      createdAt: row.created_at.toISOString(),
      token: secret.raw,
    };
  });
}
