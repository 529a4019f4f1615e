import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';

/**
 * Audits a refused SSO sign-in (`sso.sign_in_refused`, denied) in a transaction of its own, so it
 * stays when the refusal is thrown; `memberId` when the refusal is about a known member.
 */
export async function auditSignInRefused(
  deps: Deps,
  tenantId: string,
  data: Record<string, unknown>,
  memberId?: string,
): Promise<void> {
  await inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'sso.sign_in_refused',
        outcome: 'denied',
        ...(memberId ? { target: { type: 'member', id: memberId } } : {}),
        data,
      },
    ),
  );
}
