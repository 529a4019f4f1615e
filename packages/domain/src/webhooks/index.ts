/** @butterfly/domain/webhooks: the webhooks area's use-cases and types, for the apps, API and jobs. */
export {
  SIGNATURE_HEADER,
  WEBHOOK_EVENTS,
  WEBHOOK_MAX_ATTEMPTS,
  CHANNEL_KINDS,
  DIGEST_MODES,
  type ChannelKind,
  type DigestMode,
  signatureHeader,
  typeMatches,
  verifySignature,
  webhookJobKey,
  type WebhookEvent,
  type WebhookView,
} from './webhooks.fns.ts';
export {
  createWebhook,
  ZCreateWebhookInput,
  type TCreateWebhookInput,
  type WebhookTargetCheck,
} from './create-webhook.ts';
export { listWebhooks } from './list-webhooks.ts';
export { removeWebhook } from './remove-webhook.ts';
export { testWebhook } from './test-webhook.ts';
export { queueDailyDigests } from './queue-daily-digests.ts';
export { slackBody, emailMessage, plainSubject, escapeHtml } from './channel-message.fns.ts';
export { digestAlert } from './digest-message.fns.ts';
export { listWebhookDeliveries } from './list-webhook-deliveries.ts';
export { getWebhookDelivery } from './get-webhook-delivery.ts';
export { enqueueChangeAlerts } from './enqueue-change-alerts.ts';
export { enqueueFailureAlerts } from './enqueue-failure-alerts.ts';
export { enqueueExpiryAlerts } from './enqueue-expiry-alerts.ts';
export { enqueueRegressionAlerts } from './enqueue-regression-alerts.ts';
export { openWebhookDelivery } from './open-webhook-delivery.ts';
export { recordWebhookAttempt, type TWebhookAttempt } from './record-webhook-attempt.ts';
