import { isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { redactTarget, seesWebhookTargets } from './webhook-targets.fns.ts';

/** The delivery log, newest first: what was sent where, how it went, and the last error. */
export async function listWebhookDeliveries(
  deps: Deps,
  tenantId: string,
  input: { webhookId?: string; deliveryId?: string; limit?: number } = {},
) {
  await authorize(deps, tenantId, 'dashboard.view');
  let q = deps.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.webhook_id',
      'w.name as webhook_name',
      'w.url as webhook_url',
      'd.event',
      'd.summary',
      'd.status',
      'd.attempts',
      'd.last_status_code',
      'd.last_error',
      'd.created_at',
      'd.delivered_at',
      'd.snapshot_id',
    ])
    .where('d.tenant_id', '=', tenantId);
  if (input.webhookId)
    q = q.where(
      'd.webhook_id',
      '=',
      isUuid(input.webhookId) ? input.webhookId : '00000000-0000-0000-0000-000000000000',
    );
  if (input.deliveryId)
    q = q.where('d.id', '=', isUuid(input.deliveryId) ? input.deliveryId : '00000000-0000-0000-0000-000000000000');
  const rows = await q
    .orderBy('d.created_at', 'desc')
    .limit(Math.min(input.limit ?? 50, 200))
    .execute();
  const full = seesWebhookTargets(deps.actor);
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    webhookName: r.webhook_name,
    event: r.event,
    summary: r.summary,
    status: r.status as 'pending' | 'delivered' | 'failed' | 'waiting' | 'batched',
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    // A transport error may quote the target; those who may not see it get its host.
    lastError: r.last_error && !full ? redactTarget(r.last_error, r.webhook_url) : r.last_error,
    snapshotId: r.snapshot_id,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  }));
}
