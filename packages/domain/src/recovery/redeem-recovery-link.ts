import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { createSession } from '../sessions/create-session.ts';
import { RECOVERY_PREFIX } from './create-recovery-link.ts';

/**
 * Exchanges a recovery link for a session, once: the row is locked and marked used in the same
 * transaction that creates the session, so two clicks race to exactly one session.
 */
export async function redeemRecoveryLink(deps: Deps, raw: string, client: { ip?: string | null; userAgent?: string | null } = {}) {
  const invalid = () => new DomainError('UNAUTHENTICATED', 'This recovery link is invalid, expired or already used');
  if (!raw.startsWith(RECOVERY_PREFIX) || raw.length > 100) throw invalid();
  return inTransaction(deps.db, async (trx) => {
    const link = await trx
      .selectFrom('recovery_links as l')
      .innerJoin('members as m', (j) => j.onRef('m.id', '=', 'l.member_id').onRef('m.tenant_id', '=', 'l.tenant_id'))
      .select(['l.id', 'l.tenant_id', 'l.member_id', 'l.expires_at', 'l.used_at', 'm.role', 'm.active', 'm.email'])
      .where('l.token_hash', '=', hashSecret(raw))
      .forUpdate()
      .executeTakeFirst();
    const now = deps.clock();
    if (!link || link.used_at || link.expires_at <= now || !link.active || link.role !== 'super_admin') throw invalid();
    await trx.updateTable('recovery_links').set({ used_at: now }).where('id', '=', link.id).execute();
    const tx = { ...deps, db: trx, actor: { kind: 'member' as const, tenantId: link.tenant_id, memberId: link.member_id, role: 'super_admin' as const, label: link.email, via: 'session' as const } };
    const session = await createSession(tx, { tenantId: link.tenant_id, memberId: link.member_id, authMethod: 'recovery', ...client });
    await appendAuditEvent(tx, { tenantId: link.tenant_id, action: 'recovery_link.used', target: { type: 'member', id: link.member_id }, data: { linkId: link.id, sessionId: session.id } });
    return { tenantId: link.tenant_id, memberId: link.member_id, session };
  });
}
