import type { DB, Kysely } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { queueAttentionAlerts } from '../webhooks/queue-attention-alerts.ts';

/**
 * The IdP refused the connection's credential during a backup: the connection "needs attention"
 * with Okta's answer as the reason. Only the change from ok alerts (`connection.needs_attention`) and
 * is audited, so a second refused attempt does not alert again; it only refreshes the reason.
 */
export async function markNeedsAttention(
  deps: Deps & { db: Kysely<DB>; jobs: JobQueue },
  input: { tenantId: string; connectionId: string; reason: string; appUrl?: string },
) {
  const reason = input.reason.slice(0, 1000);
  // The snapshot the refused attempt left failed, if it got as far as opening one.
  const last = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'status'])
    .where('connection_id', '=', input.connectionId)
    .where('kind', '=', 'full')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const snapshotId = last?.status === 'failed' ? last.id : null;
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    const changed = await trx
      .updateTable('connections')
      .set({ status: 'needs_attention', status_reason: reason, status_changed_at: now })
      .where('tenant_id', '=', input.tenantId)
      .where('id', '=', input.connectionId)
      .where('status', '=', 'ok')
      .where('deleted_at', 'is', null)
      .returning(['id', 'name', 'org_url'])
      .executeTakeFirst();
    if (!changed) {
      await trx
        .updateTable('connections')
        .set({ status_reason: reason })
        .where('tenant_id', '=', input.tenantId)
        .where('id', '=', input.connectionId)
        .where('status', '=', 'needs_attention')
        .execute();
      return { changed: false, queued: 0 };
    }
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: input.tenantId,
        action: 'connection.needs_attention',
        outcome: 'failure',
        target: { type: 'connection', id: changed.id },
        data: { reason, snapshotId },
      },
    );
    const queued = await queueAttentionAlerts(
      { ...deps, db: trx },
      {
        tenantId: input.tenantId,
        connection: { id: changed.id, name: changed.name, orgUrl: changed.org_url },
        reason,
        snapshotId,
        link: input.appUrl ? `${input.appUrl}/connections/${changed.id}` : undefined,
      },
    );
    return { changed: true, queued };
  });
}
