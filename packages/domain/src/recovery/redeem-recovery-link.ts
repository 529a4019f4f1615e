import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { createSession } from '../sessions/create-session.ts';
import { RECOVERY_PREFIX } from './create-recovery-link.ts';

/**
 * Exchanges a recovery link for a session, once. One conditional UPDATE claims the link (unused, not
 * expired, its member an active super_admin) and returns it: of two redemptions at once, the second
 * waits on the row and then finds `used_at` set, so exactly one session results. The claim and the
 * session commit together; a failure after the claim leaves the link unused.
 */
export async function redeemRecoveryLink(
  deps: Deps,
  raw: string,
  client: { ip?: string | null; userAgent?: string | null } = {},
) {
  const invalid = () => new DomainError('UNAUTHENTICATED', 'This recovery link is invalid, expired or already used');
  if (!raw.startsWith(RECOVERY_PREFIX) || raw.length > 100) throw invalid();
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    const link = await trx
      .updateTable('recovery_links')
      .set({ used_at: now })
      .from('members')
      .whereRef('members.id', '=', 'recovery_links.member_id')
      .whereRef('members.tenant_id', '=', 'recovery_links.tenant_id')
      .where('recovery_links.token_hash', '=', hashSecret(raw))
      .where('recovery_links.used_at', 'is', null)
      .where('recovery_links.expires_at', '>', now)
      .where('members.active', '=', true)
      .where('members.role', '=', 'super_admin')
      .returning(['recovery_links.id', 'recovery_links.tenant_id', 'recovery_links.member_id', 'members.email'])
      .executeTakeFirst();
    if (!link) throw invalid();
    const tx = {
      ...deps,
      db: trx,
      actor: {
        kind: 'member' as const,
        tenantId: link.tenant_id,
        memberId: link.member_id,
        role: 'super_admin' as const,
        label: link.email,
        via: 'session' as const,
      },
    };
    const session = await createSession(tx, {
      tenantId: link.tenant_id,
      memberId: link.member_id,
      authMethod: 'recovery',
      ...client,
    });
    await appendAuditEvent(tx, {
      tenantId: link.tenant_id,
      action: 'recovery_link.used',
      target: { type: 'member', id: link.member_id },
      data: { linkId: link.id, sessionId: session.id },
    });
    return { tenantId: link.tenant_id, memberId: link.member_id, session };
  });
}
