import { randomUUID } from 'node:crypto';
import type { DB, Transaction } from '@butterfly/db';
import type { Deps, JobQueue } from '../deps.ts';
import { attentionAlert } from './alert-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';

/** One `connection.needs_attention` delivery per subscribed webhook, in the caller's transaction. */
export async function queueAttentionAlerts(
  deps: Pick<Deps, 'keyring' | 'clock'> & { db: Transaction<DB>; jobs: JobQueue },
  input: {
    tenantId: string;
    connection: { id: string; name: string; orgUrl: string };
    reason: string;
    snapshotId: string | null;
    link?: string;
  },
) {
  const hooks = await subscribedWebhooks(deps, input.tenantId, 'connection.needs_attention');
  let queued = 0;
  for (const h of hooks) {
    const id = randomUUID();
    const alert = attentionAlert({
      deliveryId: id,
      connection: input.connection,
      reason: input.reason,
      snapshotId: input.snapshotId,
      link: input.link,
    });
    if (
      await queueDelivery(deps, {
        id,
        tenantId: input.tenantId,
        webhookId: h.id,
        event: 'connection.needs_attention',
        snapshotId: input.snapshotId,
        ...alert,
      })
    )
      queued++;
  }
  return queued;
}
