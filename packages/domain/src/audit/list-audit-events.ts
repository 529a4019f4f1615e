import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { redactWebhookAuditData, seesWebhookTargets } from '../webhooks/webhook-targets.fns.ts';

export const ZListAuditEventsInput = z.object({
  /** Return entries older than this sequence number (for paging backwards). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TListAuditEventsInput = z.input<typeof ZListAuditEventsInput>;

export async function listAuditEvents(deps: Deps, tenantId: string, input: TListAuditEventsInput = {}) {
  await authorize(deps, tenantId, 'audit.read');
  const { beforeSeq, limit } = ZListAuditEventsInput.parse(input);
  let q = deps.db
    .selectFrom('audit_events')
    .select(['id', 'seq', 'occurred_at', 'actor_type', 'actor_id', 'actor_label', 'action', 'outcome', 'target_type', 'target_id', 'data', 'request_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  if (beforeSeq) q = q.where('seq', '<', beforeSeq);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  // Entries written before webhook targets were recorded as hosts still hold the URL: shown by role.
  const full = seesWebhookTargets(deps.actor);
  return {
    items: page.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      action: r.action,
      outcome: r.outcome,
      target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
      data: full ? r.data : redactWebhookAuditData(r.action, r.data),
      requestId: r.request_id,
    })),
    nextBeforeSeq: rows.length > limit ? page.at(-1)?.seq : undefined,
  };
}
