import { useTestDatabase } from '@butterfly/db/testing';
import { appendAuditEvent } from '@butterfly/domain/audit';
import { ROLES, type Role, roleHas } from '@butterfly/domain/permissions';
import { createWebhook, recordWebhookAttempt, removeWebhook } from '@butterfly/domain/webhooks';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Slack-style incoming-webhook URLs carry their secret in the path: whoever reads the URL can post
 * into the customer's channel. Only roles that manage webhooks may read it; the others see the host.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);
const SECRET_PATH = '/services/T0001/B0002/XyZsecretTokenValue42';
const URL_WITH_SECRET = `https://hooks.slack.test${SECRET_PATH}?token=querysecret`;

const tenant = await seedTenant(deps, 'hooks-visibility');
await seedMember(deps, tenant.id, 'super_admin', 'keeper@hooks.test');
const callers = Object.fromEntries(
  await Promise.all(
    ROLES.map(async (role) => {
      const m = await seedMember(deps, tenant.id, role, `${role}@hooks.test`);
      const ctx = createContext({
        db,
        log: deps.log,
        keyring: deps.keyring,
        requestId: 'visibility',
        principal: { tenantId: tenant.id, memberId: m.id, email: m.email, role, via: 'test' },
      });
      return [role, createCaller(ctx)] as const;
    }),
  ),
) as Record<Role, ReturnType<typeof createCaller>>;

const { webhook } = await createWebhook(deps, tenant.id, {
  name: 'slack',
  url: URL_WITH_SECRET,
  events: ['backup.failed'],
});
// A failed delivery whose error quotes the target, as a transport error may.
const delivery = await db
  .insertInto('webhook_deliveries')
  .values({
    tenant_id: tenant.id,
    webhook_id: webhook.id,
    event: 'webhook.test',
    summary: 'test',
    payload_sealed: Buffer.alloc(0),
    status: 'pending',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await recordWebhookAttempt(deps, {
  tenantId: tenant.id,
  deliveryId: delivery.id,
  outcome: 'failed',
  error: `connect ECONNREFUSED ${URL_WITH_SECRET}`,
  final: true,
});
const removed = await createWebhook(deps, tenant.id, {
  name: 'gone',
  url: `https://hooks.slack.test/services/T9/B9/goneSecret77`,
  events: ['backup.failed'],
});
await removeWebhook(deps, tenant.id, { webhookId: removed.webhook.id });

// An audit entry as written before targets were recorded as hosts.
await db.transaction().execute((trx) =>
  appendAuditEvent(
    { ...deps, db: trx },
    {
      tenantId: tenant.id,
      action: 'webhook.created',
      target: { type: 'webhook', id: webhook.id },
      data: { name: 'old', url: 'https://hooks.slack.test/services/T1/B1/legacySecret9' },
    },
  ),
);

const leaks = (v: unknown) => /XyZsecretTokenValue42|querysecret|goneSecret77/.test(JSON.stringify(v));

describe('webhook targets', () => {
  it.each(ROLES)('%s sees the full target only when it may manage webhooks', async (role) => {
    const c = callers[role];
    const manages = roleHas(role, 'schedule.manage');
    const [hook] = await c.webhooks.list();
    expect(hook).toMatchObject({ id: webhook.id, host: 'hooks.slack.test' });
    expect(hook!.url).toBe(manages ? URL_WITH_SECRET : null);
    expect(leaks(await c.webhooks.list())).toBe(manages);
    expect(leaks(await c.webhooks.deliveries())).toBe(manages);
    if (roleHas(role, 'audit.read')) {
      const audit = JSON.stringify(await c.audit.list({ limit: 200 }));
      expect(audit).toContain('hooks.slack.test');
      // New entries record the host only; an old entry's URL shows to managers alone.
      expect(leaks(audit)).toBe(false);
      expect(audit.includes('legacySecret9')).toBe(manages);
    }
  });
});
