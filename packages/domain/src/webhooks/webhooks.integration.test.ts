import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import type { IdpObject } from '../idp/types.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { type TCreateWebhookInput, createWebhook } from './create-webhook.ts';
import { enqueueChangeAlerts } from './enqueue-change-alerts.ts';
import { enqueueFailureAlerts } from './enqueue-failure-alerts.ts';
import { listWebhookDeliveries } from './list-webhook-deliveries.ts';
import { listWebhooks } from './list-webhooks.ts';
import { openWebhookDelivery } from './open-webhook-delivery.ts';
import { recordWebhookAttempt } from './record-webhook-attempt.ts';
import { removeWebhook } from './remove-webhook.ts';
import { testWebhook } from './test-webhook.ts';

const { db } = await useTestDatabase();
/** Records what would be queued: the job itself is the jobs package's to test. */
const queued: { task: string; payload: Record<string, unknown>; opts?: { jobKey?: string; maxAttempts?: number } }[] =
  [];
const jobs: JobQueue = {
  enqueue: async (_db, task, payload, opts) => {
    queued.push({ task, payload, opts });
    return { jobId: String(queued.length) };
  },
};
const deps = { ...testDeps(db), jobs };

const org = (): IdpObject[] => [
  { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } },
  {
    type: 'policy.PASSWORD',
    id: '00p1',
    body: { id: '00p1', name: 'Default', settings: { password: { complexity: { minLength: 15 } } } },
  },
];

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const admin = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
  return { tenantId: t.id, connectionId, admin, client: fakeIdp(org()) };
}

describe('webhooks', () => {
  it('shows the secret once and keeps it sealed; only schedule.manage may change webhooks', async () => {
    const s = await setup();
    const { webhook, secret } = await createWebhook(s.admin, s.tenantId, {
      name: 'slack',
      url: 'https://hooks.example.com/x',
      events: ['objects.changed'],
      objectTypes: ['policy.*'],
    });
    expect(secret).toMatch(/^bfywh_[\w-]{43}$/);
    const raw = await db.selectFrom('webhooks').selectAll().where('id', '=', webhook.id).executeTakeFirstOrThrow();
    expect(raw.secret_sealed.toString('latin1')).not.toContain(secret);
    const audit = await db.selectFrom('audit_events').select('data').where('tenant_id', '=', s.tenantId).execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
    const reader = { ...deps, actor: memberActor(s.tenantId, await seedMember(deps, s.tenantId, 'auditor')) };
    expect(await listWebhooks(reader, s.tenantId)).toEqual([
      expect.objectContaining({ name: 'slack', objectTypes: ['policy.*'], lastDelivery: null }),
    ]);
    expect(JSON.stringify(await listWebhooks(reader, s.tenantId))).not.toContain(secret);
    await expect(
      createWebhook(reader, s.tenantId, { name: 'x', url: 'https://x.example.com', events: ['backup.failed'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeWebhook(reader, s.tenantId, { webhookId: webhook.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      createWebhook(s.admin, s.tenantId, { name: 'bad', url: 'http://hooks.example.com', events: ['backup.failed'] }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { url: 'must use https' } });
  });

  it('refuses long and duplicate names, unknown events and targets the outbound policy refuses, storing nothing', async () => {
    const s = await setup();
    const ok: TCreateWebhookInput = { name: 'alerts', url: 'https://hooks.example.com/x', events: ['backup.failed'] };
    await createWebhook(s.admin, s.tenantId, ok);
    await expect(createWebhook(s.admin, s.tenantId, { ...ok, name: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'must be at most 100 characters' },
    });
    await expect(createWebhook(s.admin, s.tenantId, ok)).rejects.toMatchObject({
      code: 'NAME_TAKEN',
      fields: { name: expect.stringContaining('"alerts"') },
    });
    const unknownEvent = await createWebhook(s.admin, s.tenantId, {
      ...ok,
      name: 'ev',
      events: ['backup.failed', 'objects.deleted'] as never,
    }).catch((e) => e);
    expect(unknownEvent).toMatchObject({ code: 'VALIDATION' });
    expect(unknownEvent.fields).toEqual({
      'events.1':
        'must be one of backup.failed, objects.changed, credential.expiring, connection.needs_attention, compliance.regressed, exception.expiring, exception.expired',
    });
    // The app wires the outbound filter as the check; the domain refuses what it refuses, as a field error.
    const checked: string[] = [];
    const checkWebhookTarget = async (url: string) => {
      checked.push(url);
      return new URL(url).hostname === '169.254.169.254'
        ? '169.254.169.254 is a private, loopback or link-local address'
        : null;
    };
    await expect(
      createWebhook({ ...s.admin, checkWebhookTarget }, s.tenantId, {
        ...ok,
        name: 'meta',
        url: 'https://169.254.169.254/latest',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { url: '169.254.169.254 is a private, loopback or link-local address' },
    });
    await createWebhook({ ...s.admin, checkWebhookTarget }, s.tenantId, { ...ok, name: 'public' });
    expect(checked).toEqual(['https://169.254.169.254/latest', 'https://hooks.example.com/x']);
    expect((await listWebhooks(s.admin, s.tenantId)).map((w) => w.name).sort()).toEqual(['alerts', 'public']);
  });

  it('alerts a change of a watched type once per snapshot, with paths, and nothing for other types', async () => {
    const s = await setup();
    const { webhook, secret } = await createWebhook(s.admin, s.tenantId, {
      name: 'policies',
      url: 'https://hooks.example.com/p',
      events: ['objects.changed'],
      objectTypes: ['policy.*'],
    });
    await createWebhook(s.admin, s.tenantId, {
      name: 'groups',
      url: 'https://hooks.example.com/g',
      events: ['objects.changed'],
      objectTypes: ['group'],
    });
    const first = await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    expect(await enqueueChangeAlerts(deps, { tenantId: s.tenantId, snapshotId: first.snapshotId })).toEqual({
      queued: 0,
    });
    (
      s.client.objects[1]!.body as { settings: { password: { complexity: { minLength: number } } } }
    ).settings.password.complexity.minLength = 8;
    const second = await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    queued.length = 0;
    expect(
      await enqueueChangeAlerts(deps, {
        tenantId: s.tenantId,
        snapshotId: second.snapshotId,
        appUrl: 'http://localhost:3000',
      }),
    ).toEqual({ queued: 1 });
    expect(queued).toEqual([
      {
        task: 'webhook.deliver',
        payload: { tenantId: s.tenantId, deliveryId: expect.any(String) },
        opts: { jobKey: expect.stringMatching(/^webhook:/), maxAttempts: 8 },
      },
    ]);
    // A retried backup job asks again: nothing new.
    expect(await enqueueChangeAlerts(deps, { tenantId: s.tenantId, snapshotId: second.snapshotId })).toEqual({
      queued: 0,
    });
    const deliveryId = queued[0]!.payload.deliveryId as string;
    const d = await openWebhookDelivery(deps, { tenantId: s.tenantId, deliveryId });
    expect(d).toMatchObject({ url: 'https://hooks.example.com/p', secret });
    const body = JSON.parse(d!.body);
    expect(body.text).toMatch(/^Butterfly: 1 change \(policy\.\*\) in conn-/);
    expect(body.butterfly.changes[0]).toMatchObject({
      type: 'policy.PASSWORD',
      id: '00p1',
      change: 'changed',
      paths: [{ path: '$.settings.password.complexity.minLength', before: 15, after: 8 }],
    });
    expect(body.butterfly.link).toBe(
      `http://localhost:3000/connections/${s.connectionId}/diff?from=${first.snapshotId}&to=${second.snapshotId}`,
    );
    const sealed = await db
      .selectFrom('webhook_deliveries')
      .select('payload_sealed')
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow();
    expect(sealed.payload_sealed.toString('latin1')).not.toContain('minLength');

    await recordWebhookAttempt(deps, {
      tenantId: s.tenantId,
      deliveryId,
      outcome: 'failed',
      statusCode: 503,
      error: 'HTTP 503',
      final: false,
    });
    expect((await listWebhookDeliveries(deps, s.tenantId, { webhookId: webhook.id }))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    });
    await recordWebhookAttempt(deps, { tenantId: s.tenantId, deliveryId, outcome: 'delivered', statusCode: 200 });
    expect((await listWebhookDeliveries(deps, s.tenantId, { webhookId: webhook.id }))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastError: null,
    });
    expect(await openWebhookDelivery(deps, { tenantId: s.tenantId, deliveryId })).toBeUndefined();
  });

  it('alerts a failed backup to its subscribers, and queues a test delivery on demand', async () => {
    const s = await setup();
    const { webhook } = await createWebhook(s.admin, s.tenantId, {
      name: 'failures',
      url: 'https://hooks.example.com/f',
      events: ['backup.failed'],
    });
    await expect(
      runBackup(deps, {
        tenantId: s.tenantId,
        connectionId: s.connectionId,
        trigger: 'test',
        client: fakeIdp(org(), { failAfter: 1 }),
      }),
    ).rejects.toThrow();
    expect(
      await enqueueFailureAlerts(deps, {
        tenantId: s.tenantId,
        connectionId: s.connectionId,
        error: 'connection reset by peer',
        attempt: 1,
        willRetry: true,
      }),
    ).toEqual({ queued: 1 });
    const [d] = await listWebhookDeliveries(deps, s.tenantId);
    expect(d).toMatchObject({ event: 'backup.failed', status: 'pending', snapshotId: expect.any(String) });
    expect(d!.summary).toContain('failed (it will be retried)');
    await testWebhook(s.admin, s.tenantId, { webhookId: webhook.id });
    expect((await listWebhookDeliveries(deps, s.tenantId))[0]).toMatchObject({ event: 'webhook.test' });
    expect(await removeWebhook(s.admin, s.tenantId, { webhookId: webhook.id })).toEqual({
      id: webhook.id,
      removed: true,
    });
    expect(await listWebhookDeliveries(deps, s.tenantId)).toEqual([]);
  });
});
