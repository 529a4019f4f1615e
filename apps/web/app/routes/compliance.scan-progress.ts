import type { LoaderFunctionArgs } from '@remix-run/node';
import { api } from '~/api.server.ts';
import { requireMember } from '~/auth/session.server.ts';
import { apiRouteError } from '~/utils/api-error.server.ts';

/** JSON for the "Run scan" progress's fetcher: `compliance.scanProgress`, polled about once a second. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMember(request, context);
  const q = new URL(request.url).searchParams;
  try {
    return await (await api(request, context)).compliance.scanProgress({ connectionId: q.get('connectionId') ?? '', since: q.get('since') ?? '' });
  } catch (e) {
    throw apiRouteError(e);
  }
}
