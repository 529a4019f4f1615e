import type { LoaderFunctionArgs } from '@remix-run/node';
import { api } from '~/api.server.ts';
import { requireMember } from '~/auth/session.server.ts';
import { apiRouteError } from '~/utils/api-error.server.ts';

/** The plan as one JSON document (every step, diff, caveat and the id map), downloaded. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMember(request, context);
  try {
    const plan = await (await api(request, context)).restores.get({ planId: params.planId ?? '' });
    return new Response(`${JSON.stringify({ exportedAt: new Date().toISOString(), ...plan }, null, 2)}\n`, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="restore-plan-${plan.shortCode}.json"`, 'cache-control': 'no-store' },
    });
  } catch (e) {
    throw apiRouteError(e);
  }
}
