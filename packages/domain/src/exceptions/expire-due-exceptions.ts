import { randomUUID } from 'node:crypto';
import type { ComplianceExceptions, DB, Selectable, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { startedByLabel } from '../audit/started-by.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';
import { type AlertedException, exceptionAlert } from './exception-alert.fns.ts';
import { EXCEPTION_EXPIRING_DAYS } from './exceptions.fns.ts';

type Row = Selectable<ComplianceExceptions>;

const alerted = (r: Row): AlertedException => ({
  id: r.id,
  ruleId: r.rule_id,
  scope: r.object_type && r.object_id ? { objectType: r.object_type, objectId: r.object_id } : null,
  expiresAt: r.expires_at.toISOString(),
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
});

/** Queues one alert per subscribed webhook and connection of the tenant. */
async function alertFor(
  deps: Deps & { jobs: JobQueue; db: Transaction<DB> },
  tenantId: string,
  event: 'exception.expired' | 'exception.expiring',
  rows: Row[],
  appUrl?: string,
) {
  if (!rows.length) return 0;
  const hooks = await subscribedWebhooks(deps, tenantId, event);
  if (!hooks.length) return 0;
  const connections = await deps.db
    .selectFrom('connections')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(rows.map((r) => r.connection_id))])
    .orderBy('name')
    .execute();
  let queued = 0;
  for (const c of connections) {
    const exceptions = rows.filter((r) => r.connection_id === c.id).map(alerted);
    for (const h of hooks) {
      const id = randomUUID();
      const alert = exceptionAlert({
        event,
        deliveryId: id,
        connection: c,
        exceptions,
        link: appUrl ? `${appUrl}/compliance/exceptions` : undefined,
      });
      if (
        await queueDelivery(
          { ...deps, db: deps.db },
          { id, tenantId, webhookId: h.id, event, snapshotId: null, ...alert },
        )
      )
        queued++;
    }
  }
  return queued;
}

/**
 * Closes every exception whose expiry has come (decision 038): an active one is `expired` (its
 * findings count as open from the next scan) and alerted as `exception.expired`; a request nobody
 * approved in time is `expired` too, without an alert. Active exceptions within
 * EXCEPTION_EXPIRING_DAYS of expiry are announced once as `exception.expiring`. Each transition is
 * audited, in the transaction that queues its alerts, so nothing is alerted twice or lost.
 * Run every minute by the worker (all tenants) and by a scan for its tenant. Members need `compliance.run`.
 */
export async function expireDueExceptions(
  deps: Deps & { jobs: JobQueue },
  input: { tenantId?: string; appUrl?: string } = {},
) {
  if (deps.actor.kind !== 'system' && deps.actor.kind !== 'operator') {
    if (!input.tenantId)
      throw new DomainError('VALIDATION', 'A tenant is required', { fields: { tenantId: 'is required' } });
    await authorize(deps, input.tenantId, 'compliance.run');
  }
  const now = deps.clock();
  const soon = new Date(now.getTime() + EXCEPTION_EXPIRING_DAYS * 86_400_000);
  return inTransaction(deps.db, async (trx) => {
    let due = trx
      .selectFrom('compliance_exceptions')
      .selectAll()
      .where('status', 'in', ['requested', 'active'])
      .where('expires_at', '<=', now);
    let expiring = trx
      .selectFrom('compliance_exceptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('expires_at', '>', now)
      .where('expires_at', '<=', soon)
      .where('expiring_alerted_at', 'is', null);
    if (input.tenantId) {
      due = due.where('tenant_id', '=', input.tenantId);
      expiring = expiring.where('tenant_id', '=', input.tenantId);
    }
    const dueRows = await due.orderBy('expires_at').orderBy('id').forUpdate().skipLocked().execute();
    const expiringRows = await expiring.orderBy('expires_at').orderBy('id').forUpdate().skipLocked().execute();
    const tx = { ...deps, db: trx };
    if (dueRows.length) {
      await trx
        .updateTable('compliance_exceptions')
        .set({ status: 'expired', closed_by: startedByLabel(deps.actor), closed_at: now })
        .where(
          'id',
          'in',
          dueRows.map((r) => r.id),
        )
        .execute();
    }
    if (expiringRows.length) {
      await trx
        .updateTable('compliance_exceptions')
        .set({ expiring_alerted_at: now })
        .where(
          'id',
          'in',
          expiringRows.map((r) => r.id),
        )
        .execute();
    }
    let alerts = 0;
    for (const tenantId of [...new Set([...dueRows, ...expiringRows].map((r) => r.tenant_id))].sort()) {
      for (const r of dueRows.filter((x) => x.tenant_id === tenantId)) {
        await appendAuditEvent(tx, {
          tenantId,
          action: 'compliance.exception_expired',
          target: { type: 'compliance_exception', id: r.id },
          data: {
            connectionId: r.connection_id,
            ruleId: r.rule_id,
            objectType: r.object_type,
            objectId: r.object_id,
            expiresAt: r.expires_at.toISOString(),
            previousStatus: r.status,
          },
        });
      }
      alerts += await alertFor(
        tx,
        tenantId,
        'exception.expired',
        dueRows.filter((x) => x.tenant_id === tenantId && x.status === 'active'),
        input.appUrl,
      );
      alerts += await alertFor(
        tx,
        tenantId,
        'exception.expiring',
        expiringRows.filter((x) => x.tenant_id === tenantId),
        input.appUrl,
      );
    }
    return { expired: dueRows.length, expiring: expiringRows.length, alerts };
  });
}
