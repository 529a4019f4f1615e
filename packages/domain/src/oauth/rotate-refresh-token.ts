import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { parseInput } from '../validation.fns.ts';
import { type AccessGrant, accessGrantOf, REFRESH_TOKEN_PREFIX } from './oauth.fns.ts';
import { invalidGrant } from './redeem-authorization-code.ts';
import { deleteFamily, insertRefreshToken } from './refresh-family.ts';

export const ZRotateRefreshInput = z.object({
  refreshToken: z.string().min(1).max(200),
  clientId: z.string().min(1).max(100),
});

/**
 * The refresh_token grant, with rotation: the presented token is marked used and a new one of the
 * same family is returned. A token presented after it was used means two parties hold it (the
 * client and a thief, or a client that lost a response): the whole family is revoked, and the access
 * tokens minted from it stop working on their next request (they name the family). Strict on
 * purpose; see docs/decisions/013-tokens-and-revocation.md.
 */
export async function rotateRefreshToken(
  deps: Deps,
  raw: z.input<typeof ZRotateRefreshInput>,
): Promise<{ refreshToken: string; grant: AccessGrant }> {
  const input = parseInput(ZRotateRefreshInput, raw);
  if (!input.refreshToken.startsWith(REFRESH_TOKEN_PREFIX)) throw invalidGrant('not a Butterfly refresh token');
  const now = deps.clock();
  const outcome = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens as r')
      .innerJoin('members as m', (j) => j.onRef('m.id', '=', 'r.member_id').onRef('m.tenant_id', '=', 'r.tenant_id'))
      .select([
        'r.id',
        'r.tenant_id',
        'r.member_id',
        'r.client_id',
        'r.token_hash',
        'r.family_id',
        'r.used_at',
        'r.expires_at',
      ])
      .select(['m.email', 'm.role', 'm.active', 'm.token_epoch'])
      .where('r.token_hash', '=', hashSecret(input.refreshToken))
      .forUpdate('r')
      .executeTakeFirst();
    if (!row || !secretMatches(input.refreshToken, row.token_hash))
      return { ok: false, reason: 'unknown refresh token' } as const;
    if (row.client_id !== input.clientId)
      return { ok: false, reason: 'refresh token issued to another client' } as const;
    const tx = { ...deps, db: trx };
    if (row.used_at || row.expires_at <= now || !row.active) {
      const ended = await deleteFamily(trx, row.tenant_id, row.family_id);
      if (row.used_at) {
        await appendAuditEvent(tx, {
          tenantId: row.tenant_id,
          action: 'oauth.refresh_token_reused',
          outcome: 'denied',
          target: { type: 'member', id: row.member_id },
          data: { clientId: row.client_id, familyId: row.family_id, refreshTokensEnded: ended },
        });
      }
      return {
        ok: false,
        reason: row.used_at
          ? 'refresh token reused: family revoked'
          : row.active
            ? 'refresh token expired'
            : 'member deactivated',
      } as const;
    }
    await trx.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
    const next = await insertRefreshToken(trx, now, {
      tenantId: row.tenant_id,
      memberId: row.member_id,
      clientId: row.client_id,
      familyId: row.family_id,
    });
    const grant = accessGrantOf(row, { tokenEpoch: row.token_epoch, familyId: row.family_id });
    return { ok: true, refreshToken: next.raw, grant } as const;
  });
  if (!outcome.ok) throw invalidGrant(outcome.reason);
  return { refreshToken: outcome.refreshToken, grant: outcome.grant };
}
