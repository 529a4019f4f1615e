import type { OutboundClient } from '@butterfly/outbound';

/** Receivers answer "ok"; a longer answer is kept only as far as an error message needs. */
const MAX_TEXT = 8_192;

/**
 * One POST of a JSON body through the shared outbound client: the address checked and pinned for
 * the connection, a deadline for the whole answer, the answer capped. A 3xx is the receiver's answer
 * (`manual`): following it would re-send the signed body elsewhere. Resolves with the status and
 * the start of the body; rejects with an OutboundError (refused address, timeout, not HTTP, ...).
 */
export async function postWebhook(
  client: OutboundClient,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await client.request(url, {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
    redirect: 'manual',
  });
  return { status: res.status, text: res.text().slice(0, MAX_TEXT) };
}
