import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { redactTarget, seesWebhookTargets } from './webhook-targets.fns.ts';
import { WEBHOOK_VIEW_COLUMNS, toWebhookView } from './webhooks.fns.ts';

/** The tenant's alert webhooks, each with its latest delivery's outcome; full targets only for managers. */
export async function listWebhooks(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'dashboard.view');
  const rows = await deps.db
    .selectFrom('webhooks')
    .select(WEBHOOK_VIEW_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  const latest = rows.length
    ? await deps.db
        .selectFrom('webhook_deliveries')
        .distinctOn('webhook_id')
        .select(['webhook_id', 'status', 'created_at', 'last_error'])
        .where('tenant_id', '=', tenantId)
        .orderBy('webhook_id')
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  const full = seesWebhookTargets(deps.actor);
  const urls = new Map(rows.map((r) => [r.id, r.url]));
  const shown = (id: string, error: string | null) =>
    error && !full ? redactTarget(error, urls.get(id) ?? '') : error;
  const byWebhook = new Map(
    latest.map((d) => [
      d.webhook_id,
      { status: d.status, at: d.created_at.toISOString(), error: shown(d.webhook_id, d.last_error) },
    ]),
  );
  return rows.map((r) => ({ ...toWebhookView(r, full), lastDelivery: byWebhook.get(r.id) ?? null }));
}
