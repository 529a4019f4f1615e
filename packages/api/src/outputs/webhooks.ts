import { z } from 'zod';

/** `webhooks.create`. */
export const ZWebhooksCreate = z.object({
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

/** `webhooks.deliveries`. */
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

/** `webhooks.delivery`. */
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

/** `webhooks.list`. */
export const ZWebhooksList = z.array(
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

/** `webhooks.remove`. */
export const ZWebhooksRemove = z.object({ id: z.string(), removed: z.boolean() });

/** `webhooks.test`. */
export const ZWebhooksTest = z.object({
  deliveryId: z.templateLiteral([z.string(), '-', z.string(), '-', z.string(), '-', z.string(), '-', z.string()]),
});
