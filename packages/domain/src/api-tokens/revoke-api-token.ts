import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ZApiTokenId } from './api-tokens.fns.ts';

/**
 * Revokes an API token at once (deleted: the next request with it is 401). Members revoke their own;
 * someone else's token answers NOT_FOUND, like a token that does not exist.
 */
export async function revokeApiToken(deps: Deps, tenantId: string, raw: { tokenId: string }) {
  const { tokenId } = parseInput(ZApiTokenId, raw);
  await authorize(deps, tenantId, 'token.own');
  if (!isUuid(tokenId)) throw new DomainError('NOT_FOUND', 'No such API token');
  const { actor } = deps;
  return inTransaction(deps.db, async (trx) => {
    let q = trx.deleteFrom('api_tokens').where('tenant_id', '=', tenantId).where('id', '=', tokenId);
    if (actor.kind === 'member') q = q.where('member_id', '=', actor.memberId);
    const row = await q.returning(['id', 'name', 'member_id']).executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'No such API token');
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'api_token.revoked',
        target: { type: 'api_token', id: row.id },
        data: { owner: row.member_id, name: row.name },
      },
    );
    return { id: row.id, name: row.name, revoked: true };
  });
}
