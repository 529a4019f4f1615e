import { randomUUID } from 'node:crypto';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { digestAlert } from './digest-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';

/**
 * The daily digest job's work: for every enabled email channel with a daily digest and alerts
 * waiting, one `digest.daily` delivery listing them (their summaries, oldest first), queued like any
 * alert; the waiting alerts become `batched` under it in the same transaction, so each alert is in
 * exactly one digest even if two runs overlap (rows are locked, skipped when taken). Runs for every
 * tenant as the system; a removed or disabled channel's waiting alerts stay unsent.
 */
export async function queueDailyDigests(deps: Deps, options: { before?: Date } = {}) {
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  const jobs = deps.jobs;
  const before = options.before ?? deps.clock();
  const channels = await deps.db
    .selectFrom('webhooks as w')
    .select(['w.id', 'w.tenant_id', 'w.name'])
    .where('w.kind', '=', 'email')
    .where('w.digest', '=', 'daily')
    .where('w.enabled', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('webhook_deliveries as d')
          .select('d.id')
          .whereRef('d.webhook_id', '=', 'w.id')
          .where('d.status', '=', 'waiting'),
      ),
    )
    .execute();
  let queued = 0;
  for (const ch of channels) {
    await inTransaction(deps.db, async (trx) => {
      const waiting = await trx
        .selectFrom('webhook_deliveries')
        .select(['id', 'event', 'summary', 'created_at'])
        .where('tenant_id', '=', ch.tenant_id)
        .where('webhook_id', '=', ch.id)
        .where('status', '=', 'waiting')
        .where('created_at', '<=', before)
        .orderBy('created_at')
        .forUpdate()
        .skipLocked()
        .execute();
      if (!waiting.length) return;
      const id = randomUUID();
      const alert = digestAlert({
        deliveryId: id,
        channel: { id: ch.id, name: ch.name },
        items: waiting.map((w) => ({ event: w.event, summary: w.summary, at: w.created_at.toISOString() })),
      });
      await queueDelivery(
        { ...deps, db: trx, jobs },
        { id, tenantId: ch.tenant_id, webhookId: ch.id, event: 'digest.daily', snapshotId: null, ...alert },
      );
      await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'batched', digest_id: id, updated_at: deps.clock() })
        .where('tenant_id', '=', ch.tenant_id)
        .where(
          'id',
          'in',
          waiting.map((w) => w.id),
        )
        .execute();
      queued++;
    });
  }
  return { queued };
}
