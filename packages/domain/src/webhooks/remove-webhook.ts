import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { webhookHost } from './webhook-targets.fns.ts';

/** Removes a webhook with its delivery log; queued deliveries find it gone and end without sending. */
export async function removeWebhook(deps: Deps, tenantId: string, input: { webhookId: string }) {
  await authorize(deps, tenantId, 'schedule.manage');
  return inTransaction(deps.db, async (trx) => {
    const row = isUuid(input.webhookId)
      ? await trx
          .deleteFrom('webhooks')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', input.webhookId)
          .returning(['id', 'name', 'url'])
          .executeTakeFirst()
      : undefined;
    if (!row) throw new DomainError('NOT_FOUND', 'No such webhook');
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'webhook.removed',
        target: { type: 'webhook', id: row.id },
        data: { name: row.name, host: webhookHost(row.url) },
      },
    );
    return { id: row.id, removed: true };
  });
}
