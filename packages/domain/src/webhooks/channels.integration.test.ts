import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from './create-webhook.ts';
import { enqueueFailureAlerts } from './enqueue-failure-alerts.ts';
import { listWebhookDeliveries } from './list-webhook-deliveries.ts';
import { listWebhooks } from './list-webhooks.ts';
import { queueDailyDigests } from './queue-daily-digests.ts';

const { db } = await useTestDatabase();
const queued: { task: string; payload: Record<string, unknown> }[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task, payload) => {
    queued.push({ task, payload });
    return { jobId: String(queued.length) };
  },
};
const deps = { ...testDeps(db), jobs };

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const admin = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
  const reader = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'auditor')) };
  return { tenantId: t.id, connectionId, admin, reader };
}

describe('notification channels', () => {
  it('an email channel: its address checked, no signing secret, its domain only for those who may not manage alerts', async () => {
    const s = await setup();
    // Email goes through the operator's SMTP server: the outbound URL policy does not apply to it.
    const refuseAll = { ...s.admin, checkWebhookTarget: async () => 'refused' };
    const { webhook, secret } = await createWebhook(refuseAll, s.tenantId, {
      name: 'oncall',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed'],
      digest: 'daily',
    });
    expect(secret).toBeNull();
    expect(webhook).toMatchObject({
      kind: 'email',
      digest: 'daily',
      url: 'oncall@customer.example.com',
      host: 'customer.example.com',
    });
    expect(await listWebhooks(s.reader, s.tenantId)).toEqual([
      expect.objectContaining({ kind: 'email', url: null, host: 'customer.example.com' }),
    ]);
    const audit = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', s.tenantId)
      .where('action', '=', 'webhook.created')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ kind: 'email', digest: 'daily', host: 'customer.example.com' });
  });

  it('refuses a bad address, a URL target for email, a digest for non-email kinds and an unknown kind, storing nothing', async () => {
    const s = await setup();
    const bad = async (input: Parameters<typeof createWebhook>[2]) =>
      (await createWebhook(s.admin, s.tenantId, input).catch((e) => e)) as {
        code: string;
        fields: Record<string, string>;
      };
    expect(await bad({ name: 'a', kind: 'email', url: 'not-an-address', events: ['backup.failed'] })).toMatchObject({
      code: 'VALIDATION',
      fields: { url: 'must be an email address' },
    });
    expect(
      await bad({ name: 'b', kind: 'email', url: 'https://hooks.example.com/x', events: ['backup.failed'] }),
    ).toMatchObject({ code: 'VALIDATION', fields: { url: 'must be an email address' } });
    expect(
      await bad({ name: 'c', kind: 'slack', url: 'oncall@customer.example.com', events: ['backup.failed'] }),
    ).toMatchObject({ code: 'VALIDATION', fields: { url: 'must be an http(s) URL' } });
    expect(
      await bad({
        name: 'd',
        kind: 'slack',
        url: 'https://hooks.slack.com/services/x',
        events: ['backup.failed'],
        digest: 'daily',
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: { digest: 'a daily digest is for email channels only' } });
    expect(
      await bad({ name: 'e', kind: 'pager' as never, url: 'https://hooks.example.com/x', events: ['backup.failed'] }),
    ).toMatchObject({ code: 'VALIDATION', fields: { kind: 'must be one of webhook, slack, email' } });
    expect(await listWebhooks(s.admin, s.tenantId)).toEqual([]);
  });

  it("a daily-digest channel's alerts wait without a job; the digest batches only its own tenant's, once", async () => {
    const s = await setup();
    const other = await setup();
    const { webhook } = await createWebhook(s.admin, s.tenantId, {
      name: 'digest',
      kind: 'email',
      url: 'team@customer.example.com',
      events: ['backup.failed'],
      digest: 'daily',
    });
    const { webhook: now } = await createWebhook(s.admin, s.tenantId, {
      name: 'now',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed'],
    });
    const { webhook: theirs } = await createWebhook(other.admin, other.tenantId, {
      name: 'digest',
      kind: 'email',
      url: 'x@other.example.com',
      events: ['backup.failed'],
      digest: 'daily',
    });
    queued.length = 0;
    await enqueueFailureAlerts(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      error: 'boom',
      attempt: 1,
      willRetry: true,
    });
    await enqueueFailureAlerts(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      error: 'bang',
      attempt: 1,
      willRetry: true,
    });
    // Only the immediate channel's two deliveries get jobs; the digest channel's wait.
    expect(queued.map((q) => q.task)).toEqual(['webhook.deliver', 'webhook.deliver']);
    const log = await listWebhookDeliveries(s.admin, s.tenantId, { webhookId: webhook.id });
    expect(log.map((d) => d.status)).toEqual(['waiting', 'waiting']);

    queued.length = 0;
    // Before the other tenant has anything waiting, its channel is left alone.
    expect(await queueDailyDigests(deps)).toEqual({ queued: 1 });
    expect(queued).toEqual([
      { task: 'webhook.deliver', payload: { tenantId: s.tenantId, deliveryId: expect.any(String) } },
    ]);
    const after = await listWebhookDeliveries(s.admin, s.tenantId, { webhookId: webhook.id });
    const digest = after.find((d) => d.event === 'digest.daily')!;
    expect(digest).toMatchObject({ status: 'pending', summary: 'Butterfly: daily digest, 2 alerts' });
    expect(after.filter((d) => d.event === 'backup.failed').map((d) => d.status)).toEqual(['batched', 'batched']);
    expect(await listWebhookDeliveries(s.admin, s.tenantId, { webhookId: now.id })).toHaveLength(2);
    expect(await listWebhookDeliveries(other.admin, other.tenantId, { webhookId: theirs.id })).toEqual([]);
    // A second run finds nothing waiting.
    expect(await queueDailyDigests(deps)).toEqual({ queued: 0 });
  });
});
