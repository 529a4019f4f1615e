import { randomUUID } from 'node:crypto';
import { findConnectionRow } from '../connections/get-connection.ts';
import { appCredentials, crossedThreshold, daysLeft } from '../credentials/credentials.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { readSnapshot } from '../snapshots/read-snapshot.ts';
import { type ExpiringCredential, expiryAlert } from './alert-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';

/**
 * After a backup completes: one `credential.expiring` delivery per subscribed webhook naming the app
 * client secrets and signing keys that crossed an expiry threshold (30 days, 7 days, expired) and
 * were not named for that threshold before. The record of what was named
 * (`credential_expiry_alerts`) is written in the same transaction as the deliveries, so a credential
 * is alerted once per threshold however many backups see it, and a failed queueing alerts again.
 */
export async function enqueueExpiryAlerts(
  deps: Deps & { jobs: JobQueue },
  input: { tenantId: string; snapshotId: string; appUrl?: string },
) {
  await authorize(deps, input.tenantId, 'backup.run');
  const hooks = await subscribedWebhooks(deps, input.tenantId, 'credential.expiring');
  if (!hooks.length) return { queued: 0 };
  const snap = await getSnapshotRow(deps.db, input.tenantId, input.snapshotId, { complete: true });
  const objects = [];
  for await (const o of readSnapshot(deps, input.tenantId, snap.id, { types: ['app', 'app.key', 'app.secret'] }))
    objects.push(o);
  const now = deps.clock();
  const crossed = appCredentials(objects).flatMap((c) => {
    const threshold = crossedThreshold(c, now);
    return threshold === undefined || !c.expiresAt ? [] : [{ ...c, expiresAt: c.expiresAt, threshold }];
  });
  if (!crossed.length) return { queued: 0 };
  const conn = await findConnectionRow(deps.db, input.tenantId, snap.connection_id);
  const connection = { id: conn.id, name: conn.name, orgUrl: conn.org_url };
  const link = input.appUrl ? `${input.appUrl}/connections/${conn.id}/credentials` : undefined;
  let queued = 0;
  await inTransaction(deps.db, async (trx) => {
    const fresh = await trx
      .insertInto('credential_expiry_alerts')
      .values(
        crossed.map((c) => ({
          tenant_id: input.tenantId,
          connection_id: conn.id,
          object_type: c.type,
          object_id: c.objectId,
          expires_at: new Date(c.expiresAt),
          threshold_days: c.threshold,
          snapshot_id: snap.id,
          created_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['connection_id', 'object_type', 'object_id', 'expires_at', 'threshold_days']).doNothing(),
      )
      .returning(['object_type', 'object_id'])
      .execute();
    const isFresh = new Set(fresh.map((r) => `${r.object_type} ${r.object_id}`));
    const named: ExpiringCredential[] = crossed
      .filter((c) => isFresh.has(`${c.type} ${c.objectId}`))
      .map((c) => ({
        appId: c.appId,
        appLabel: c.appLabel,
        kind: c.kind,
        credentialId: c.credentialId,
        expiresAt: c.expiresAt,
        daysLeft: daysLeft(c.expiresAt, now),
      }));
    if (!named.length) return;
    for (const h of hooks) {
      const id = randomUUID();
      const alert = expiryAlert({ deliveryId: id, connection, snapshotId: snap.id, credentials: named, link });
      if (
        await queueDelivery(
          { ...deps, db: trx },
          {
            id,
            tenantId: input.tenantId,
            webhookId: h.id,
            event: 'credential.expiring',
            snapshotId: snap.id,
            ...alert,
          },
        )
      )
        queued++;
    }
  });
  return { queued };
}
