import type { DB, Transaction } from '@butterfly/db';
import { sealSecret } from '../crypto/secrets.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { WEBHOOK_MAX_ATTEMPTS, type WebhookEvent, payloadPurpose, webhookJobKey } from './events.fns.ts';

/**
 * Records one delivery (payload sealed) and queues its job in the caller's transaction, so a delivery
 * row exists exactly when its job does. A second delivery of one event for one snapshot to one
 * webhook is skipped (unique index): a retried backup job never alerts twice. For an email channel
 * with a daily digest the row waits (`waiting`, no job) until the digest job batches it.
 */
export async function queueDelivery(
  deps: Pick<Deps, 'keyring' | 'clock'> & { db: Transaction<DB>; jobs: JobQueue },
  d: {
    id: string;
    tenantId: string;
    webhookId: string;
    event: WebhookEvent;
    snapshotId: string | null;
    summary: string;
    payload: unknown;
  },
): Promise<boolean> {
  // A daily-digest channel's alerts wait for the digest job; a test and a digest itself go at once.
  const immediate = d.event === 'webhook.test' || d.event === 'digest.daily';
  const channel = immediate
    ? undefined
    : await deps.db
        .selectFrom('webhooks')
        .select('digest')
        .where('id', '=', d.webhookId)
        .where('tenant_id', '=', d.tenantId)
        .executeTakeFirst();
  const waiting = channel?.digest === 'daily';
  const sealed = await sealSecret(deps, d.tenantId, payloadPurpose(d.id), JSON.stringify(d.payload));
  const row = await deps.db
    .insertInto('webhook_deliveries')
    .values({
      id: d.id,
      tenant_id: d.tenantId,
      webhook_id: d.webhookId,
      event: d.event,
      snapshot_id: d.snapshotId,
      summary: d.summary.slice(0, 500),
      payload_sealed: sealed,
      status: waiting ? 'waiting' : 'pending',
      created_at: deps.clock(),
      updated_at: deps.clock(),
    })
    .onConflict((oc) =>
      oc.columns(['webhook_id', 'event', 'snapshot_id']).where('snapshot_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  if (waiting) return true;
  await deps.jobs.enqueue(
    deps.db,
    'webhook.deliver',
    { tenantId: d.tenantId, deliveryId: d.id },
    { jobKey: webhookJobKey(d.id), maxAttempts: WEBHOOK_MAX_ATTEMPTS },
  );
  return true;
}
