import { OutboundRefusedError, assertPublicUrl } from '@butterfly/connectors';
import { SIGNATURE_HEADER, WEBHOOK_DELIVER_TASK, openWebhookDelivery, recordWebhookAttempt, signatureHeader } from '@butterfly/domain';
import { z } from 'zod';
import { defineTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';
import { postWebhook } from '../webhooks/post-webhook.ts';

export const ZWebhookDeliverPayload = z.object({ tenantId: z.uuid(), deliveryId: z.uuid() });
export const webhookDeliverSpec = { name: WEBHOOK_DELIVER_TASK, schema: ZWebhookDeliverPayload } as const;

/** Worth another attempt: the receiver is down, slow or throttling. Other 4xx will not change. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * Sends one alert. Retries ride on graphile-worker's exponential backoff (throwing schedules the
 * next attempt); each attempt is signed afresh, so its timestamp is current. The URL is checked here,
 * where the request leaves, not only when the webhook was registered: DNS can change in between.
 * A refused address or a 4xx ends the delivery at once, recorded in the log.
 */
export const webhookDeliverTask = (rt: JobRuntime) =>
  defineTask(webhookDeliverSpec.name, ZWebhookDeliverPayload, async (p, helpers) => {
    const deps = systemDeps(rt, `job:webhook:${helpers.job.id}`);
    const d = await openWebhookDelivery(deps, p);
    if (!d) return; // delivered already, or the webhook is gone or disabled
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    const record = (a: Parameters<typeof recordWebhookAttempt>[1]) => recordWebhookAttempt(deps, a);
    let target: Awaited<ReturnType<typeof assertPublicUrl>>;
    try {
      target = await assertPublicUrl(d.url, { allowPrivateNetwork: rt.allowPrivateUrls ?? false });
    } catch (e) {
      if (!(e instanceof OutboundRefusedError)) throw e;
      return record({ ...p, outcome: 'failed', error: e.message, final: true });
    }
    const headers = { 'user-agent': 'Butterfly-Webhooks/1', [SIGNATURE_HEADER]: signatureHeader(d.secret, d.body, deps.clock()), 'x-butterfly-event': d.event, 'x-butterfly-delivery': d.id };
    let res: { status: number; text: string };
    try {
      res = await postWebhook(target, d.body, headers);
    } catch (e) {
      await record({ ...p, outcome: 'failed', error: (e as Error).message, final });
      if (final) return;
      throw e;
    }
    if (res.status >= 200 && res.status < 300) return record({ ...p, outcome: 'delivered', statusCode: res.status });
    const error = `HTTP ${res.status}${res.text ? `: ${res.text.slice(0, 300)}` : ''}`;
    const last = final || !retryable(res.status);
    await record({ ...p, outcome: 'failed', statusCode: res.status, error, final: last });
    if (!last) throw new Error(`webhook answered ${error}`);
  });
