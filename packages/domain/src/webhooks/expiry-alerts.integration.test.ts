import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { listAppCredentials } from '../credentials/list-app-credentials.ts';
import type { JobQueue } from '../deps.ts';
import type { IdpObject } from '../idp/types.ts';
import { backUpConnection } from '../backups/back-up-connection.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from './create-webhook.ts';
import { enqueueExpiryAlerts } from './enqueue-expiry-alerts.ts';
import { openWebhookDelivery } from './open-webhook-delivery.ts';

const { db } = await useTestDatabase();
const queued: { task: string; payload: Record<string, unknown> }[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task, payload) => {
    queued.push({ task, payload });
    return { jobId: String(queued.length) };
  },
};
const DAY = 86_400_000;
const start = Date.parse('2026-12-06T12:00:00Z');
let now = start;
const deps = { ...testDeps(db), clock: () => new Date(now), jobs };
const at = (days: number) => new Date(start + days * DAY).toISOString();

const org = (): IdpObject[] => [
  { type: 'app', id: '0oaSF', body: { id: '0oaSF', label: 'Salesforce' } },
  { type: 'app', id: '0oaP', body: { id: '0oaP', label: 'Portal' } },
  {
    type: 'app.key',
    id: '0oaSF/kidSF',
    body: { kid: 'kidSF', kty: 'RSA', use: 'sig', created: at(-700), expiresAt: at(20) },
  },
  {
    type: 'app.key',
    id: '0oaP/kidP',
    body: { kid: 'kidP', kty: 'RSA', use: 'sig', created: at(-10), expiresAt: at(3000) },
  },
  { type: 'app.secret', id: '0oaP/ocs1', body: { id: 'ocs1', status: 'ACTIVE', created: at(-10) } },
];

async function setup() {
  now = start;
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const admin = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
  const { webhook } = await createWebhook(admin, t.id, {
    name: 'expiry',
    url: 'https://hooks.example.com/e',
    events: ['credential.expiring'],
  });
  return { tenantId: t.id, connectionId, admin, webhookId: webhook.id, client: fakeIdp(org()) };
}

const deliveries = (webhookId: string) =>
  db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event', 'summary'])
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at')
    .execute();

describe('credential.expiring alerts', () => {
  it('names a key that expires within 30 days once, not on every backup; again at 7 days and when expired', async () => {
    const s = await setup();
    const backup = () =>
      runBackup(deps, { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'test', client: s.client });
    const first = await backup();
    queued.length = 0;
    expect(
      await enqueueExpiryAlerts(deps, {
        tenantId: s.tenantId,
        snapshotId: first.snapshotId,
        appUrl: 'http://localhost:3000',
      }),
    ).toEqual({ queued: 1 });
    const [d] = await deliveries(s.webhookId);
    const body = JSON.parse((await openWebhookDelivery(deps, { tenantId: s.tenantId, deliveryId: d!.id }))!.body);
    expect(body.butterfly).toMatchObject({
      event: 'credential.expiring',
      credentials: [
        { appLabel: 'Salesforce', kind: 'signing key', credentialId: 'kidSF', expiresAt: at(20), daysLeft: 20 },
      ],
    });
    expect(body.butterfly.credentials).toHaveLength(1);
    expect(body.text).toContain('expiring in conn-');
    expect(body.butterfly.link).toBe(`http://localhost:3000/connections/${s.connectionId}/credentials`);

    // The next backups, days later: still within 30 days, already named: nothing.
    now = start + 5 * DAY;
    const second = await backup();
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: second.snapshotId })).toEqual({
      queued: 0,
    });
    now = start + 14 * DAY;
    const third = await backup();
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: third.snapshotId })).toEqual({
      queued: 1,
    });
    now = start + 21 * DAY;
    const fourth = await backup();
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: fourth.snapshotId })).toEqual({
      queued: 1,
    });
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: fourth.snapshotId })).toEqual({
      queued: 0,
    });
    expect((await deliveries(s.webhookId)).map((x) => x.event)).toEqual([
      'credential.expiring',
      'credential.expiring',
      'credential.expiring',
    ]);
    const thresholds = await db
      .selectFrom('credential_expiry_alerts')
      .select(['object_id', 'threshold_days'])
      .where('connection_id', '=', s.connectionId)
      .orderBy('threshold_days', 'desc')
      .execute();
    expect(thresholds).toEqual([
      { object_id: '0oaSF/kidSF', threshold_days: 30 },
      { object_id: '0oaSF/kidSF', threshold_days: 7 },
      { object_id: '0oaSF/kidSF', threshold_days: 0 },
    ]);
  });

  it('a renewed key (new expiry) is a new credential; one far from expiry alerts nothing', async () => {
    const s = await setup();
    (s.client.objects[2]!.body as { expiresAt: string }).expiresAt = at(900);
    const far = await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: far.snapshotId })).toEqual({
      queued: 0,
    });
    (s.client.objects[2]!.body as { expiresAt: string }).expiresAt = at(25);
    const near = await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    expect(await enqueueExpiryAlerts(deps, { tenantId: s.tenantId, snapshotId: near.snapshotId })).toEqual({
      queued: 1,
    });
  });

  it('runs as part of every backup (backUpConnection), and the dashboard list is soonest first', async () => {
    const s = await setup();
    const snap = await backUpConnection(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    expect((await deliveries(s.webhookId)).map((x) => x.event)).toEqual(['credential.expiring']);
    const reader = { ...deps, actor: memberActor(s.tenantId, await seedMember(deps, s.tenantId, 'read_only')) };
    const view = await listAppCredentials(reader, s.tenantId, { connectionId: s.connectionId });
    expect(view.snapshot?.id).toBe(snap.snapshotId);
    expect(view.credentials.map((c) => [c.appLabel, c.credentialId, c.daysLeft])).toEqual([
      ['Salesforce', 'kidSF', 20],
      ['Portal', 'kidP', 3000],
      ['Portal', 'ocs1', null],
    ]);
    const other = await seedTenant(deps);
    const stranger = { ...deps, actor: memberActor(other.id, await seedMember(deps, other.id, 'admin')) };
    await expect(listAppCredentials(stranger, other.id, { connectionId: s.connectionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
