import type { ActionFunctionArgs } from '@remix-run/node';
import { acceptDirectoryWatch } from '@butterfly/domain/directory-sync';

const answer = (status: number) => new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * POST /hooks/google/<connectionId>: Google's `users.watch` channel (decision 064), a doorbell. The
 * channel id and token headers are checked (only the token's hash is stored), the body is neither
 * trusted nor needed, and one sync of the connection is queued: 200 at once.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const h = request.headers;
  const outcome = await acceptDirectoryWatch(
    { db: context.db, clock: () => new Date(), jobs: context.services.jobs },
    {
      connectionId: params.connectionId ?? '',
      channelId: h.get('x-goog-channel-id'),
      token: h.get('x-goog-channel-token'),
      state: h.get('x-goog-resource-state'),
    },
  );
  // One answer for an unknown connection, an old channel and a wrong token: a prober learns nothing.
  if (outcome === 'refused') return answer(401);
  try {
    await request.arrayBuffer();
  } catch {
    return answer(413);
  }
  return answer(200);
}
