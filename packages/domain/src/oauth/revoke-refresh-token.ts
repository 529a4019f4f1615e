import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { REFRESH_TOKEN_PREFIX } from './oauth.fns.ts';
import { withdrawConsent } from './oauth-consents.fns.ts';
import { deleteFamily } from './refresh-family.ts';

/**
 * RFC 7009 revocation of a refresh token: its whole family ends (and with it the access tokens that
 * name the family). An unknown token, or one of another client, is not an error (RFC 7009 2.2): the
 * caller learns nothing, and the answer is the same.
 */
export async function revokeRefreshToken(
  deps: Deps,
  input: { token: string; clientId: string },
): Promise<{ revoked: boolean }> {
  if (!input.token.startsWith(REFRESH_TOKEN_PREFIX) || input.token.length > 200) return { revoked: false };
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .select(['tenant_id', 'member_id', 'client_id', 'family_id', 'token_hash'])
      .where('token_hash', '=', hashSecret(input.token))
      .executeTakeFirst();
    if (!row || !secretMatches(input.token, row.token_hash) || row.client_id !== input.clientId)
      return { revoked: false };
    const ended = await deleteFamily(trx, row.tenant_id, row.family_id);
    const consentsWithdrawn = await withdrawConsent(trx, {
      tenantId: row.tenant_id,
      memberId: row.member_id,
      clientId: row.client_id,
    });
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: row.tenant_id,
        action: 'oauth.refresh_token_revoked',
        target: { type: 'member', id: row.member_id },
        data: { clientId: row.client_id, familyId: row.family_id, refreshTokensEnded: ended, consentsWithdrawn },
      },
    );
    return { revoked: true };
  });
}

/** RFC 7009 for an access token of ours: its family ends, so it and its siblings stop on the next request. */
export async function revokeRefreshFamily(
  deps: Deps,
  input: { tenantId: string; memberId: string; familyId: string; clientId: string },
) {
  return inTransaction(deps.db, async (trx) => {
    const r = await trx
      .deleteFrom('refresh_tokens')
      .where('tenant_id', '=', input.tenantId)
      .where('member_id', '=', input.memberId)
      .where('family_id', '=', input.familyId)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    const ended = Number(r.numDeletedRows);
    if (ended) {
      const consentsWithdrawn = await withdrawConsent(trx, {
        tenantId: input.tenantId,
        memberId: input.memberId,
        clientId: input.clientId,
      });
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId: input.tenantId,
          action: 'oauth.refresh_token_revoked',
          target: { type: 'member', id: input.memberId },
          data: {
            clientId: input.clientId,
            familyId: input.familyId,
            refreshTokensEnded: ended,
            consentsWithdrawn,
            via: 'access_token',
          },
        },
      );
    }
    return { revoked: ended > 0 };
  });
}
