import { useTestDatabase } from '@butterfly/db/testing';
import type { JobQueue } from '@butterfly/domain/core';
import { recordWebhookAttempt } from '@butterfly/domain/webhooks';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Channels through the API (decision 039): an admin adds Slack and email channels and presses
 * "Send a test"; `webhooks.delivery` reports the test's outcome once the worker has tried it (the
 * worker's own suite sends for real: apps/worker/src/notify.integration.test.ts).
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);
const enqueued: { task: string; payload: Record<string, unknown> }[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task, payload) => {
    enqueued.push({ task, payload });
    return { jobId: String(enqueued.length) };
  },
};
const tenant = await seedTenant(deps, 'channels-api');
const admin = await seedMember(deps, tenant.id, 'admin', 'admin@channels.test');
const caller = createCaller(
  createContext({
    db,
    log: deps.log,
    keyring: deps.keyring,
    requestId: 'channels',
    principal: { tenantId: tenant.id, memberId: admin.id, email: admin.email, role: 'admin', via: 'test' },
    services: { checkWebhookTarget: async () => null },
    jobs,
  }),
);

describe('notification channels via the API', () => {
  it('adds an email channel with a daily digest and a Slack channel; only signed webhooks get a secret', async () => {
    const mail = await caller.webhooks.create({
      name: 'oncall-mail',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed', 'exception.expired'],
      digest: 'daily',
    });
    expect(mail).toEqual({
      webhook: expect.objectContaining({ kind: 'email', digest: 'daily', host: 'customer.example.com' }),
      secret: null,
    });
    const slack = await caller.webhooks.create({
      name: 'ops-slack',
      kind: 'slack',
      url: 'https://hooks.slack.com/services/T1/B1/x',
      events: ['objects.changed'],
    });
    expect(slack.secret).toBeNull();
    const signed = await caller.webhooks.create({
      name: 'siem',
      url: 'https://siem.example.com/in',
      events: ['backup.failed'],
    });
    expect(signed.secret).toMatch(/^bfywh_/);
    expect((await caller.webhooks.list()).map((w) => [w.name, w.kind])).toEqual([
      ['oncall-mail', 'email'],
      ['ops-slack', 'slack'],
      ['siem', 'webhook'],
    ]);
  });

  it('refuses an invalid address with a field error and stores nothing', async () => {
    await expect(
      caller.webhooks.create({ name: 'bad-mail', kind: 'email', url: 'nobody', events: ['backup.failed'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller.webhooks.list()).map((w) => w.name)).not.toContain('bad-mail');
  });

  it('"Send a test" queues the test at once and webhooks.delivery reports its outcome', async () => {
    const [mail] = (await caller.webhooks.list()).filter((w) => w.kind === 'email');
    enqueued.length = 0;
    const { deliveryId } = await caller.webhooks.test({ webhookId: mail!.id });
    // A daily-digest channel's test is not held for the digest.
    expect(enqueued).toEqual([{ task: 'webhook.deliver', payload: { tenantId: tenant.id, deliveryId } }]);
    expect(await caller.webhooks.delivery({ deliveryId })).toMatchObject({
      id: deliveryId,
      event: 'webhook.test',
      status: 'pending',
      webhookName: 'oncall-mail',
    });
    await recordWebhookAttempt(deps, {
      tenantId: tenant.id,
      deliveryId,
      outcome: 'failed',
      error: 'email not sent: Invalid login',
      final: true,
    });
    expect(await caller.webhooks.delivery({ deliveryId })).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'email not sent: Invalid login',
    });
    await expect(
      caller.webhooks.delivery({ deliveryId: '00000000-0000-0000-0000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
