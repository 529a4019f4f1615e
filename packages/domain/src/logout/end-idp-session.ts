import type { DB, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';

const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/**
 * Ends the Butterfly sessions started from one IdP session (`sid`), optionally only those of one
 * member, and audits it under the receiver's action. Shared by OIDC back-channel logout and Entra
 * front-channel logout, so both end exactly the same things. Returns how many sessions ended.
 */
export async function endIdpSession(
  deps: Deps & { db: Transaction<DB> },
  tenantId: string,
  input: {
    sid: string;
    /** Only this member's sessions; null: a named person we do not know, so none. */
    onlyMember?: string | null;
    action: 'sso.backchannel_logout' | 'sso.frontchannel_logout';
    /**
     * Audit a request that ended nothing too. Off for unauthenticated receivers (front-channel),
     * whose requests anyone can send: they must not be able to fill the audit log.
     */
    auditNothing?: boolean;
  },
): Promise<number> {
  let q = deps.db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('idp_session_id', '=', input.sid);
  if (input.onlyMember !== undefined) q = q.where('member_id', '=', input.onlyMember ?? NO_MEMBER);
  const ended = await q.returning('member_id').execute();
  if (ended.length === 0 && input.auditNothing === false) return 0;
  const memberId = ended[0]?.member_id ?? input.onlyMember;
  await appendAuditEvent(deps, {
    tenantId,
    action: input.action,
    ...(memberId ? { target: { type: 'member', id: memberId } } : {}),
    data: { scope: 'idp_session', sessionsEnded: ended.length },
  });
  return ended.length;
}
