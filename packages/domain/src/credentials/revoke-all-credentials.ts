import type { DB, Transaction } from '@butterfly/db';
import { type TAuditEventInput, appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';

export interface TRevokeAllCredentialsInput {
  tenantId: string;
  memberId: string;
  /** Why: 'scim.deactivated', 'member.deactivated', 'universal_logout', 'backchannel_logout', ... */
  reason: string;
}

/**
 * The one place every credential of a member ends: sessions, refresh tokens, API tokens and the
 * OAuth consents they gave (a client must ask again) are deleted and the token epoch is bumped, so access JWTs minted before now fail their epoch check on
 * the next request. Runs in the caller's transaction so the revocation commits with the change
 * that caused it (deactivation, logout) or not at all.
 *
 * One statement does the deletes and the bump, and `thenAudit` (the caller's own entries for the
 * same change) is appended with ours in one append: every round trip here is spent with the
 * member's row locked, and the audit append holds the tenant's chain lock until commit.
 */
export async function revokeAllCredentials(
  deps: Deps & { db: Transaction<DB> },
  input: TRevokeAllCredentialsInput,
  thenAudit: TAuditEventInput[] = [],
) {
  const row = await deps.db
    .with('s', (db) =>
      db
        .deleteFrom('sessions')
        .where('tenant_id', '=', input.tenantId)
        .where('member_id', '=', input.memberId)
        .returning('member_id'),
    )
    .with('r', (db) =>
      db
        .deleteFrom('refresh_tokens')
        .where('tenant_id', '=', input.tenantId)
        .where('member_id', '=', input.memberId)
        .returning('member_id'),
    )
    .with('a', (db) =>
      db
        .deleteFrom('api_tokens')
        .where('tenant_id', '=', input.tenantId)
        .where('member_id', '=', input.memberId)
        .returning('member_id'),
    )
    .with('c', (db) =>
      db
        .deleteFrom('oauth_consents')
        .where('tenant_id', '=', input.tenantId)
        .where('member_id', '=', input.memberId)
        .returning('member_id'),
    )
    .with('m', (db) =>
      db
        .updateTable('members')
        .set((eb) => ({ token_epoch: eb('token_epoch', '+', 1), updated_at: deps.clock() }))
        .where('tenant_id', '=', input.tenantId)
        .where('id', '=', input.memberId)
        .returning('token_epoch'),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('s').select(eb.fn.countAll<string>().as('n')).as('sessions'),
      eb.selectFrom('r').select(eb.fn.countAll<string>().as('n')).as('refresh_tokens'),
      eb.selectFrom('a').select(eb.fn.countAll<string>().as('n')).as('api_tokens'),
      eb.selectFrom('c').select(eb.fn.countAll<string>().as('n')).as('oauth_consents'),
      eb.selectFrom('m').select('m.token_epoch').as('token_epoch'),
    ])
    .executeTakeFirstOrThrow();
  const revoked = {
    sessions: Number(row.sessions),
    refreshTokens: Number(row.refresh_tokens),
    apiTokens: Number(row.api_tokens),
    oauthConsents: Number(row.oauth_consents),
    tokenEpoch: row.token_epoch ?? null,
  };
  await appendAuditEvent(deps, [
    {
      tenantId: input.tenantId,
      action: 'member.credentials_revoked',
      target: { type: 'member', id: input.memberId },
      data: { reason: input.reason, ...revoked },
    },
    ...thenAudit,
  ]);
  return revoked;
}
