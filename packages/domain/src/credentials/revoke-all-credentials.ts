import type { DB, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';

export interface TRevokeAllCredentialsInput {
  tenantId: string;
  memberId: string;
  /** Why: 'scim.deactivated', 'member.deactivated', 'universal_logout', 'backchannel_logout', ... */
  reason: string;
}

/**
 * The one place every credential of a member ends: sessions, refresh tokens and API tokens are
 * deleted and the token epoch is bumped, so access JWTs minted before now fail their epoch check on
 * the next request. Runs in the caller's transaction so the revocation commits with the change
 * that caused it (deactivation, logout) or not at all.
 */
export async function revokeAllCredentials(deps: Deps & { db: Transaction<DB> }, input: TRevokeAllCredentialsInput) {
  const { db } = deps;
  const remove = (table: 'sessions' | 'refresh_tokens' | 'api_tokens') =>
    db
      .deleteFrom(table as 'sessions')
      .where('tenant_id', '=', input.tenantId)
      .where('member_id', '=', input.memberId)
      .executeTakeFirst();
  const sessions = await remove('sessions');
  const refreshTokens = await remove('refresh_tokens');
  const apiTokens = await remove('api_tokens');
  const member = await db
    .updateTable('members')
    .set((eb) => ({ token_epoch: eb('token_epoch', '+', 1), updated_at: deps.clock() }))
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.memberId)
    .returning('token_epoch')
    .executeTakeFirst();
  const revoked = {
    sessions: Number(sessions.numDeletedRows),
    refreshTokens: Number(refreshTokens.numDeletedRows),
    apiTokens: Number(apiTokens.numDeletedRows),
    tokenEpoch: member?.token_epoch ?? null,
  };
  await appendAuditEvent(deps, {
    tenantId: input.tenantId,
    action: 'member.credentials_revoked',
    target: { type: 'member', id: input.memberId },
    data: { reason: input.reason, ...revoked },
  });
  return revoked;
}
