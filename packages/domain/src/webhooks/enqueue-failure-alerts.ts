import { randomUUID } from 'node:crypto';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { failureAlert } from './alert-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';

/** After a backup attempt failed: one `backup.failed` delivery per subscribed webhook. */
export async function enqueueFailureAlerts(
  deps: Deps & { jobs: JobQueue },
  input: { tenantId: string; connectionId: string; error: string; attempt: number; willRetry: boolean },
) {
  await authorize(deps, input.tenantId, 'backup.run');
  const hooks = await subscribedWebhooks(deps, input.tenantId, 'backup.failed');
  if (!hooks.length) return { queued: 0 };
  const conn = await findConnectionRow(deps.db, input.tenantId, input.connectionId);
  // The snapshot the attempt left failed, if it got as far as opening one.
  const last = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'status'])
    .where('connection_id', '=', conn.id)
    .where('kind', '=', 'full')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const snapshotId = last?.status === 'failed' ? last.id : null;
  let queued = 0;
  await inTransaction(deps.db, async (trx) => {
    for (const h of hooks) {
      const id = randomUUID();
      const alert = failureAlert({
        deliveryId: id,
        connection: { id: conn.id, name: conn.name, orgUrl: conn.org_url },
        snapshotId,
        error: input.error.slice(0, 2000),
        attempt: input.attempt,
        willRetry: input.willRetry,
      });
      if (
        await queueDelivery(
          { ...deps, db: trx },
          { id, tenantId: input.tenantId, webhookId: h.id, event: 'backup.failed', snapshotId, ...alert },
        )
      )
        queued++;
    }
  });
  return { queued };
}
