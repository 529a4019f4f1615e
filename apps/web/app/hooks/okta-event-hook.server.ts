import { acceptEventHook, checkEventHook } from '@butterfly/domain/freshness';
import type { AppLoadContext } from '@remix-run/node';

/** The largest event delivery read (decision 048); the body limit middleware answers 413 past it. */
export const EVENT_HOOK_MAX_BYTES = 512 * 1024;
const CHALLENGE_HEADER = 'x-okta-verification-challenge';

const answer = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      'Cache-Control': 'no-store',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    },
  });
// One answer for an unknown connection, another tenant's secret and a wrong one: a prober learns nothing.
const refused = () => answer(401, { error: 'unauthorized' });

/**
 * GET /hooks/okta/<connectionId>: Okta's one-time verification of an event hook. It sends a
 * challenge header and the hook's secret header; the answer echoes the challenge as
 * `{"verification": …}`. Anything else on GET is 405.
 */
export async function verifyOktaEventHook(request: Request, context: AppLoadContext, connectionId: string) {
  const challenge = request.headers.get(CHALLENGE_HEADER);
  if (!challenge) return answer(405, { error: 'method_not_allowed' });
  if (challenge.length > 1024) return answer(400, { error: 'invalid_challenge' });
  const hook = await checkEventHook(context, connectionId, request.headers.get('authorization'));
  if (!hook) return refused();
  context.log.info({ connectionId, tenantId: hook.tenantId }, 'okta event hook verified');
  return answer(200, { verification: challenge });
}

/**
 * POST /hooks/okta/<connectionId>: an event delivery. The secret header is checked (only its hash is
 * stored), the body is not trusted or needed (the System Log is read through the connection's own
 * credential, decision 048), and one coalesced poll of the connection is queued: 204 at once, so
 * Okta's 3-second deadline is never near.
 */
export async function receiveOktaEventHook(request: Request, context: AppLoadContext, connectionId: string) {
  const outcome = await acceptEventHook(
    { db: context.db, clock: () => new Date(), jobs: context.services.jobs },
    {
      connectionId,
      secret: request.headers.get('authorization'),
      settleSeconds: context.services.freshnessSettleSeconds,
    },
  );
  if (outcome === 'refused') return refused();
  // Drained, not parsed: a chunked body past the limit fails here (the middleware's 413 goes out).
  try {
    await request.arrayBuffer();
  } catch {
    return answer(413, { error: 'payload_too_large' });
  }
  return answer(204);
}
