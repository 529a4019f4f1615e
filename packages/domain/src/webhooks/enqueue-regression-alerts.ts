import { randomUUID } from 'node:crypto';
import { compareScans } from '../compliance/engine.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getScanRow, scanResults } from '../scans/get-scan.ts';
import { previousScan } from '../scans/latest-scans.ts';
import { queueDelivery } from '../webhook-queue/queue-delivery.ts';
import { regressionAlert } from './regression-message.fns.ts';
import { subscribedWebhooks } from '../webhook-queue/subscribed-webhooks.ts';

/**
 * After a compliance scan: one `compliance.regressed` delivery per subscribed channel when rules that
 * passed on the connection's previous scan fail now. At most once per (channel, scanned snapshot):
 * a retried scan job or a "Run scan" of the same snapshot does not alert again.
 */
export async function enqueueRegressionAlerts(
  deps: Deps & { jobs: JobQueue },
  input: { tenantId: string; scanId: string; appUrl?: string },
) {
  await authorize(deps, input.tenantId, 'compliance.run');
  const hooks = await subscribedWebhooks(deps, input.tenantId, 'compliance.regressed');
  if (!hooks.length) return { queued: 0 };
  const scan = await getScanRow(deps.db, input.tenantId, input.scanId);
  const prev = await previousScan(deps.db, scan);
  if (!prev) return { queued: 0 };
  const regressions = compareScans(
    await scanResults(deps.db, input.tenantId, prev.id),
    await scanResults(deps.db, input.tenantId, scan.id),
  );
  if (!regressions.length) return { queued: 0 };
  const conn = await findConnectionRow(deps.db, input.tenantId, scan.connection_id);
  const rules = regressions.map((r) => ({ ruleId: r.ruleId, title: r.title, severity: r.severity, reason: r.reason }));
  const link = input.appUrl ? `${input.appUrl}/compliance/regressions?connection=${conn.id}` : undefined;
  let queued = 0;
  await inTransaction(deps.db, async (trx) => {
    for (const h of hooks) {
      const id = randomUUID();
      const alert = regressionAlert({
        deliveryId: id,
        connection: { id: conn.id, name: conn.name, orgUrl: conn.org_url },
        scanId: scan.id,
        previousScanId: prev.id,
        rules,
        link,
      });
      if (
        await queueDelivery(
          { ...deps, db: trx },
          {
            id,
            tenantId: input.tenantId,
            webhookId: h.id,
            event: 'compliance.regressed',
            snapshotId: scan.snapshot_id,
            ...alert,
          },
        )
      )
        queued++;
    }
  });
  return { queued };
}
