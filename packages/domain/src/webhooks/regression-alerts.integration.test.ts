import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import { openSecret } from '../crypto/secrets.ts';
import type { JobQueue } from '../deps.ts';
import type { IdpObject } from '../idp/types.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from './create-webhook.ts';
import { enqueueRegressionAlerts } from './enqueue-regression-alerts.ts';
import { payloadPurpose } from './webhooks.fns.ts';

const { db } = await useTestDatabase();
const queued: string[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task) => {
    queued.push(task);
    return { jobId: String(queued.length) };
  },
};
const deps = { ...testDeps(db), jobs };

function orgObjects(): IdpObject[] {
  return Object.entries(compliantOrg()).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));
}

describe('compliance.regressed alerts', () => {
  it('a rule that passed and now fails reaches subscribed channels once per scanned snapshot; nothing without a regression', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id, 'Production');
    const client = fakeIdp(orgObjects());
    const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
    const { webhook } = await createWebhook(deps, t.id, {
      name: 'compliance',
      kind: 'slack',
      url: 'https://hooks.slack.com/services/T/B/x',
      events: ['compliance.regressed'],
    });
    const { webhook: other } = await createWebhook(deps, t.id, {
      name: 'backups-only',
      url: 'https://hooks.example.com/b',
      events: ['backup.failed'],
    });

    const first = await runComplianceScan(deps, t.id, { snapshotId: (await backup()).snapshotId });
    expect(await enqueueRegressionAlerts(deps, { tenantId: t.id, scanId: first.id })).toEqual({ queued: 0 }); // no previous scan
    const same = await runComplianceScan(deps, t.id, { snapshotId: (await backup()).snapshotId });
    expect(await enqueueRegressionAlerts(deps, { tenantId: t.id, scanId: same.id })).toEqual({ queued: 0 }); // nothing regressed

    const policy = client.objects.find((o) => o.type === 'policy.PASSWORD')!;
    (
      policy.body as { settings: { password: { complexity: { minLength: number } } } }
    ).settings.password.complexity.minLength = 8;
    const worse = await runComplianceScan(deps, t.id, { snapshotId: (await backup()).snapshotId });
    queued.length = 0;
    expect(
      await enqueueRegressionAlerts(deps, { tenantId: t.id, scanId: worse.id, appUrl: 'https://bfy.example.com' }),
    ).toEqual({ queued: 1 });
    expect(await enqueueRegressionAlerts(deps, { tenantId: t.id, scanId: worse.id })).toEqual({ queued: 0 }); // a retried job
    expect(queued).toEqual(['webhook.deliver']);

    const rows = await db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', t.id).execute();
    expect(rows.map((r) => [r.webhook_id, r.event, r.snapshot_id])).toEqual([
      [webhook.id, 'compliance.regressed', worse.snapshotId],
    ]);
    expect(rows.some((r) => r.webhook_id === other.id)).toBe(false);
    expect(rows[0]!.summary).toBe('Butterfly: 1 compliance rule regressed in Production');
    const payload = JSON.parse(await openSecret(deps, t.id, payloadPurpose(rows[0]!.id), rows[0]!.payload_sealed));
    expect(payload.butterfly).toMatchObject({
      event: 'compliance.regressed',
      scanId: worse.id,
      previousScanId: same.id,
      rules: [expect.objectContaining({ ruleId: 'OKTA-APP-000650' })],
    });
    expect(payload.butterfly.link).toBe(`https://bfy.example.com/compliance/regressions?connection=${connectionId}`);
    expect(payload.blocks[1].text.text).toContain('OKTA-APP-000650');
  });
});
