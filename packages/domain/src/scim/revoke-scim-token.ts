import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';

export const ZRevokeScimTokenInput = z.object({ tokenId: z.string().trim().min(1) });

/** Revokes a SCIM token at once (the next request with it is 401). Revoking twice is not an error. */
export async function revokeScimToken(deps: Deps, tenantId: string, raw: z.input<typeof ZRevokeScimTokenInput>) {
  const { tokenId } = parseInput(ZRevokeScimTokenInput, raw);
  await authorize(deps, tenantId, 'scim.manage');
  if (!isUuid(tokenId)) throw new DomainError('NOT_FOUND', `No SCIM token ${tokenId}`);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('scim_tokens')
      .select(['id', 'label', 'revoked_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', tokenId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `No SCIM token ${tokenId}`);
    if (row.revoked_at)
      return { id: row.id, label: row.label, revokedAt: row.revoked_at.toISOString(), alreadyRevoked: true };
    const now = deps.clock();
    await trx.updateTable('scim_tokens').set({ revoked_at: now }).where('id', '=', row.id).execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'scim_token.revoked',
        target: { type: 'scim_token', id: row.id },
        data: { label: row.label },
      },
    );
    return { id: row.id, label: row.label, revokedAt: now.toISOString(), alreadyRevoked: false };
  });
}
