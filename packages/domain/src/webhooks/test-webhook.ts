import { randomUUID } from 'node:crypto';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { testAlert } from './alert-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';

/** "Send a test": queues one signed test delivery, which the delivery log then shows. */
export async function testWebhook(deps: Deps, tenantId: string, input: { webhookId: string }) {
  await authorize(deps, tenantId, 'schedule.manage');
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  const jobs = deps.jobs;
  const hook = isUuid(input.webhookId)
    ? await deps.db
        .selectFrom('webhooks')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', input.webhookId)
        .executeTakeFirst()
    : undefined;
  if (!hook) throw new DomainError('NOT_FOUND', 'No such webhook');
  const id = randomUUID();
  const alert = testAlert({ deliveryId: id, webhook: hook });
  await inTransaction(deps.db, (trx) =>
    queueDelivery(
      { ...deps, db: trx, jobs },
      { id, tenantId, webhookId: hook.id, event: 'webhook.test', snapshotId: null, ...alert },
    ),
  );
  return { deliveryId: id };
}
