import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { parseInput } from '../validation.fns.ts';
import { type AccessGrant, accessGrantOf, CODE_PREFIX, ZCodeVerifier, pkceMatches } from './oauth.fns.ts';
import { deleteFamily, insertRefreshToken } from './refresh-family.ts';

export const ZRedeemCodeInput = z.object({
  code: z.string().min(1).max(200),
  clientId: z.string().min(1).max(100),
  redirectUri: z.string().min(1).max(500),
  codeVerifier: ZCodeVerifier,
});

/**
 * The authorization_code grant. The code burns on its first presentation, whatever happens next, so
 * a stolen code tried without the verifier is gone for the thief and the owner alike. A code
 * presented a second time revokes the refresh-token family minted from it (RFC 6749 4.1.2): one of
 * the two presenters is not the client. Every failure is the same UNAUTHENTICATED ("invalid_grant")
 * to the caller; the reason goes to the log and, for replays, the audit log.
 */
export async function redeemAuthorizationCode(
  deps: Deps,
  raw: z.input<typeof ZRedeemCodeInput>,
): Promise<{ refreshToken: string; grant: AccessGrant }> {
  const input = parseInput(ZRedeemCodeInput, raw);
  if (!input.code.startsWith(CODE_PREFIX)) throw invalidGrant('not a Butterfly authorization code');
  const now = deps.clock();
  const outcome = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('oauth_codes as c')
      .innerJoin('members as m', (j) => j.onRef('m.id', '=', 'c.member_id').onRef('m.tenant_id', '=', 'c.tenant_id'))
      .select([
        'c.id',
        'c.tenant_id',
        'c.member_id',
        'c.code_hash',
        'c.client_id',
        'c.redirect_uri',
        'c.code_challenge',
        'c.token_epoch',
        'c.family_id',
        'c.expires_at',
        'c.used_at',
      ])
      .select(['m.email', 'm.role', 'm.active', 'm.token_epoch as current_epoch'])
      .where('c.code_hash', '=', hashSecret(input.code))
      .forUpdate('c')
      .executeTakeFirst();
    if (!row || !secretMatches(input.code, row.code_hash)) return { ok: false, reason: 'unknown code' } as const;
    const tx = { ...deps, db: trx };
    if (row.used_at) {
      const ended = row.family_id ? await deleteFamily(trx, row.tenant_id, row.family_id) : 0;
      await appendAuditEvent(tx, {
        tenantId: row.tenant_id,
        action: 'oauth.code_replayed',
        outcome: 'denied',
        target: { type: 'member', id: row.member_id },
        data: { clientId: row.client_id, refreshTokensEnded: ended },
      });
      return { ok: false, reason: 'code already used' } as const;
    }
    await trx.updateTable('oauth_codes').set({ used_at: now }).where('id', '=', row.id).execute();
    const reason =
      row.expires_at <= now
        ? 'code expired'
        : row.client_id !== input.clientId
          ? 'code issued to another client'
          : row.redirect_uri !== input.redirectUri
            ? 'redirect_uri differs from the authorization request'
            : !pkceMatches(input.codeVerifier, row.code_challenge)
              ? 'PKCE verifier does not match'
              : !row.active || row.current_epoch !== row.token_epoch
                ? "the member's credentials were revoked"
                : undefined;
    if (reason) return { ok: false, reason } as const;
    const refresh = await insertRefreshToken(trx, now, {
      tenantId: row.tenant_id,
      memberId: row.member_id,
      clientId: row.client_id,
    });
    await trx.updateTable('oauth_codes').set({ family_id: refresh.familyId }).where('id', '=', row.id).execute();
    await appendAuditEvent(tx, {
      tenantId: row.tenant_id,
      action: 'oauth.tokens_issued',
      target: { type: 'member', id: row.member_id },
      data: { clientId: row.client_id, familyId: refresh.familyId },
    });
    const grant = accessGrantOf(row, { tokenEpoch: row.current_epoch, familyId: refresh.familyId });
    return { ok: true, refreshToken: refresh.raw, grant } as const;
  });
  // Thrown after commit: the burnt code and a replay's revocation must stick.
  if (!outcome.ok) throw invalidGrant(outcome.reason);
  return { refreshToken: outcome.refreshToken, grant: outcome.grant };
}

export const invalidGrant = (reason: string) => new DomainError('UNAUTHENTICATED', `invalid_grant: ${reason}`);
