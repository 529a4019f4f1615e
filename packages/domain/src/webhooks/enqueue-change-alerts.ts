import { randomUUID } from 'node:crypto';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { objectLabel } from '../snapshots/object-label.fns.ts';
import { redactChange } from '../snapshots/redact.fns.ts';
import { type AlertChange, changesAlert, shortScalar } from './alert-message.fns.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';
import { typeMatches } from './webhooks.fns.ts';

type AlertDeps = Deps & { jobs: JobQueue };
/** Objects detailed per alert; the counts always cover every change. */
const DETAILED = 20;

/**
 * After a backup completes: one `objects.changed` delivery per webhook that watches a type that
 * changed since the previous complete snapshot. A first snapshot alerts nothing (every object would
 * be "added"). Reads the diff once for all webhooks; its cost grows with the changes.
 */
export async function enqueueChangeAlerts(
  deps: AlertDeps,
  input: { tenantId: string; snapshotId: string; appUrl?: string },
) {
  await authorize(deps, input.tenantId, 'backup.run');
  const hooks = await subscribedWebhooks(deps, input.tenantId, 'objects.changed');
  if (!hooks.length) return { queued: 0 };
  const snap = await getSnapshotRow(deps.db, input.tenantId, input.snapshotId, { complete: true });
  const prev = await deps.db
    .selectFrom('snapshots')
    .select(['id'])
    .where('connection_id', '=', snap.connection_id)
    .where('status', '=', 'complete')
    .where('kind', '=', 'full')
    .where('seq', '<', snap.seq)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!prev) return { queued: 0 };
  const found = hooks.map((h) => ({
    hook: h,
    counts: { added: 0, changed: 0, removed: 0 },
    changes: [] as AlertChange[],
  }));
  for await (const c of diffSnapshots(deps, input.tenantId, { from: prev.id, to: snap.id })) {
    for (const f of found) {
      if (!typeMatches(f.hook.object_types, c.type)) continue;
      f.counts[c.change]++;
      if (f.changes.length >= DETAILED) continue;
      const paths = c.paths
        .slice(0, 10)
        .map(redactChange)
        .map((p) => ({
          path: p.path,
          kind: p.kind,
          ...('before' in p && shortScalar(p.before) ? { before: p.before } : {}),
          ...('after' in p && shortScalar(p.after) ? { after: p.after } : {}),
        }));
      f.changes.push({
        type: c.type,
        id: c.id,
        label: objectLabel(c.after ?? c.before, c.id),
        change: c.change,
        paths,
        actors: c.actors ?? [],
      });
    }
  }
  const due = found.filter((f) => f.counts.added + f.counts.changed + f.counts.removed > 0);
  if (!due.length) return { queued: 0 };
  const conn = await findConnectionRow(deps.db, input.tenantId, snap.connection_id);
  const connection = { id: conn.id, name: conn.name, orgUrl: conn.org_url };
  const link = input.appUrl ? `${input.appUrl}/connections/${conn.id}/diff?from=${prev.id}&to=${snap.id}` : undefined;
  let queued = 0;
  await inTransaction(deps.db, async (trx) => {
    for (const f of due) {
      const id = randomUUID();
      const alert = changesAlert({
        deliveryId: id,
        connection,
        snapshot: { id: snap.id, completedAt: snap.completed_at!.toISOString() },
        previousSnapshotId: prev.id,
        watched: f.hook.object_types,
        counts: f.counts,
        changes: f.changes,
        link,
      });
      if (
        await queueDelivery(
          { ...deps, db: trx },
          {
            id,
            tenantId: input.tenantId,
            webhookId: f.hook.id,
            event: 'objects.changed',
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
