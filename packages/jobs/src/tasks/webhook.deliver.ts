import {
  SIGNATURE_HEADER,
  emailMessage,
  openWebhookDelivery,
  recordWebhookAttempt,
  signatureHeader,
  slackBody,
} from '@butterfly/domain/webhooks';
import { createOutboundClient, isOutboundError } from '@butterfly/outbound';
import { registeredTask } from '../define-task.ts';
import { type JobRuntime, systemDeps } from '../runtime.ts';
import { postWebhook } from '../webhooks/post-webhook.ts';
import { MailError, sendEmail } from '../webhooks/send-email.ts';

/** Worth another attempt: the receiver is down, slow or throttling. Other 4xx will not change. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * Sends one alert. Retries ride on graphile-worker's exponential backoff (throwing schedules the
 * next attempt); each attempt is signed afresh, so its timestamp is current. The URL is checked here,
 * where the request leaves (in the connection's lookup), not only when the webhook was registered:
 * DNS can change in between. A refused address or a 4xx ends the delivery at once, recorded in the
 * log; a receiver that is down, slow, endless or not HTTP fails this attempt only.
 *
 * By channel kind (decision 039): a `webhook` gets the signed body; `slack` gets its `text` and
 * `blocks` (Block Kit) through the same client and policy, unsigned; `email` goes to the address
 * through SMTP_URL, retried like a webhook when the server is away or answers 4xx.
 */
export const webhookDeliverTask = (rt: JobRuntime) => {
  const client = createOutboundClient({
    allowPrivate: rt.allowPrivateUrls ?? false,
    timeoutMs: 10_000,
    maxBytes: 1_000_000,
  });
  return registeredTask('webhook.deliver', async (p, helpers) => {
    const deps = systemDeps(rt, `job:webhook:${helpers.job.id}`);
    const d = await openWebhookDelivery(deps, p);
    if (!d) return; // delivered already, or the webhook is gone or disabled
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    const record = (a: Parameters<typeof recordWebhookAttempt>[1]) => recordWebhookAttempt(deps, a);
    if (d.kind === 'email') {
      if (!rt.mail)
        return record({ ...p, outcome: 'failed', error: 'email is not configured (SMTP_URL, SMTP_FROM)', final: true });
      const mail = emailMessage(JSON.parse(d.body));
      try {
        await sendEmail(rt.mail, {
          to: d.url,
          ...mail,
          headers: { 'X-Butterfly-Event': d.event, 'X-Butterfly-Delivery': d.id },
        });
      } catch (e) {
        const last = final || !(e instanceof MailError && e.retryable);
        await record({ ...p, outcome: 'failed', error: (e as Error).message, final: last });
        if (last) return;
        throw e;
      }
      return record({ ...p, outcome: 'delivered', statusCode: 250 });
    }
    const body = d.kind === 'slack' ? JSON.stringify(slackBody(JSON.parse(d.body))) : d.body;
    const headers: Record<string, string> =
      d.kind === 'slack'
        ? { 'user-agent': 'Butterfly-Webhooks/1' }
        : {
            'user-agent': 'Butterfly-Webhooks/1',
            [SIGNATURE_HEADER]: signatureHeader(d.secret, d.body, deps.clock()),
            'x-butterfly-event': d.event,
            'x-butterfly-delivery': d.id,
          };
    let res: { status: number; text: string };
    try {
      res = await postWebhook(client, d.url, body, headers);
    } catch (e) {
      if (isOutboundError(e, 'ADDRESS_REFUSED') || isOutboundError(e, 'URL_REFUSED'))
        return record({ ...p, outcome: 'failed', error: e.message, final: true });
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
};
