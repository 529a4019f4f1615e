/** The alert events and the delivery queue's keys: shared by every area that queues an alert. */

/**
 * What a tenant can subscribe a channel to. `webhook.test` is the "send a test" button's own event,
 * `digest.daily` the daily digest mail's. `compliance.regressed`: a scan found rules that passed on
 * the previous scan failing. `exception.expiring` / `exception.expired` are for
 * compliance exceptions (issue 18), emitted by that feature.
 */
export const WEBHOOK_EVENTS = [
  'backup.failed',
  'objects.changed',
  'credential.expiring',
  'connection.needs_attention',
  'compliance.regressed',
  'exception.expiring',
  'exception.expired',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test' | 'digest.daily';

export const webhookJobKey = (deliveryId: string) => `webhook:${deliveryId}`;
/** Attempts per delivery; graphile-worker backs off exponentially (~e^n s), so 8 span about half an hour. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const payloadPurpose = (deliveryId: string) => `webhook.payload:${deliveryId}`;
