import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';

export const RECENT_RECOVERY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Break-glass sign-ins of the last 7 days, read from the audit log (`recovery_link.used`), so the
 * dashboard can tell super_admins loudly that someone entered without the IdP. The audit log is the
 * source because it is append-only and hash-chained: a recovery session cannot hide by deleting itself.
 */
export async function listRecentRecoverySignIns(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'tenant.manage');
  const since = new Date(deps.clock().getTime() - RECENT_RECOVERY_WINDOW_MS);
  const rows = await deps.db
    .selectFrom('audit_events')
    .select(['occurred_at', 'target_id', 'actor_label', 'request_id'])
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'recovery_link.used')
    .where('occurred_at', '>', since)
    .orderBy('seq', 'desc')
    .limit(50)
    .execute();
  // The entry's actor is the recovering member (redeemRecoveryLink acts as them), so its label is their email.
  return rows.map((r) => ({
    occurredAt: r.occurred_at.toISOString(),
    memberId: r.target_id,
    email: r.actor_label,
    requestId: r.request_id,
  }));
}
