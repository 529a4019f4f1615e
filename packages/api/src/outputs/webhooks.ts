import { z } from 'zod';

/** `webhooks.createWebhook`. */
export const ZWebhooksCreateWebhook = z.object({
  webhook: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['email', 'webhook', 'slack']),
    digest: z.enum(['daily', 'immediate']),
    url: z.string().nullable(),
    host: z.string(),
    events: z.array(
      z.enum([
        'backup.failed',
        'objects.changed',
        'credential.expiring',
        'connection.needs_attention',
        'compliance.regressed',
        'exception.expiring',
        'exception.expired',
        'webhook.test',
        'digest.daily',
      ]),
    ),
    objectTypes: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.string(),
  }),
  secret: z.string().nullable(),
});

/** `webhooks.webhookDeliveries`. */
export const ZWebhooksDeliveries = z.array(
  z.object({
    id: z.string(),
    webhookId: z.string(),
    webhookName: z.string(),
    event: z.string(),
    summary: z.string(),
    status: z.enum(['waiting', 'failed', 'pending', 'delivered', 'batched']),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    snapshotId: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  }),
);

/** `webhooks.webhookDelivery`. */
export const ZWebhooksDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  webhookName: z.string(),
  event: z.string(),
  summary: z.string(),
  status: z.enum(['waiting', 'failed', 'pending', 'delivered', 'batched']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  snapshotId: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

/** `webhooks.listWebhooks`. */
export const ZWebhooksListWebhooks = z.array(
  z.object({
    lastDelivery: z.object({ status: z.string(), at: z.string(), error: z.string().nullable() }).nullable(),
    id: z.string(),
    name: z.string(),
    kind: z.enum(['email', 'webhook', 'slack']),
    digest: z.enum(['daily', 'immediate']),
    url: z.string().nullable(),
    host: z.string(),
    events: z.array(
      z.enum([
        'backup.failed',
        'objects.changed',
        'credential.expiring',
        'connection.needs_attention',
        'compliance.regressed',
        'exception.expiring',
        'exception.expired',
        'webhook.test',
        'digest.daily',
      ]),
    ),
    objectTypes: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.string(),
  }),
);

/** `webhooks.removeWebhook`. */
export const ZWebhooksRemoveWebhook = z.object({ id: z.string(), removed: z.boolean() });

/** `webhooks.testWebhook`. */
export const ZWebhooksTestWebhook = z.object({
  deliveryId: z.templateLiteral([z.string(), '-', z.string(), '-', z.string(), '-', z.string(), '-', z.string()]),
});
