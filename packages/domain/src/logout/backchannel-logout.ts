import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { endIdpSession } from './end-idp-session.ts';

/**
 * Acts on a validated OIDC back-channel logout token (the web app has checked signature, iss, aud,
 * iat, exp, events, nonce and jti). With `sid`, the IdP session ended: the Butterfly sessions
 * started from it end (restricted to `sub` when both are given). With only `sub`, the person logged
 * out of the IdP altogether: every credential of theirs ends, through revokeAllCredentials.
 * A subject or session we do not know is not an error: the logout state is already reached.
 */
export async function backchannelLogout(deps: Deps, tenantId: string, input: { sub?: string; sid?: string }) {
  return inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    const member = input.sub
      ? await trx
          .selectFrom('members')
          .select(['id'])
          .where('tenant_id', '=', tenantId)
          .where('idp_subject', '=', input.sub)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (input.sid) {
      const ended = await endIdpSession(tx, tenantId, {
        sid: input.sid,
        ...(input.sub ? { onlyMember: member?.id ?? null } : {}),
        action: 'sso.backchannel_logout',
      });
      return { scope: 'idp_session' as const, sessionsEnded: ended };
    }
    if (!member) {
      await appendAuditEvent(tx, {
        tenantId,
        action: 'sso.backchannel_logout',
        data: { scope: 'subject', matched: false },
      });
      return { scope: 'subject' as const, sessionsEnded: 0 };
    }
    const revoked = await revokeAllCredentials(tx, { tenantId, memberId: member.id, reason: 'backchannel_logout' });
    return { scope: 'subject' as const, sessionsEnded: revoked.sessions };
  });
}
