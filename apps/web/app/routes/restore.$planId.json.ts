import { authedLoader } from '~/utils/authed-route.server.ts';

/** The plan as one JSON document (every step, diff, caveat and the id map), downloaded. */
export const loader = authedLoader(async ({ params, caller }) => {
  const plan = await caller.restores.get({ planId: params.planId ?? '' });
  return new Response(`${JSON.stringify({ exportedAt: new Date().toISOString(), ...plan }, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="restore-plan-${plan.shortCode}.json"`,
      'cache-control': 'no-store',
    },
  });
});
