import type { LoaderFunctionArgs } from '@remix-run/node';
import { api } from '~/api.server.ts';
import { requireMember } from '~/auth/session.server.ts';
import { apiRouteError } from '~/utils/api-error.server.ts';

/** JSON for the progress bar's fetcher: `backups.progress`, polled about once a second. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMember(request, context);
  try {
    return await (await api(request, context)).backups.progress({ connectionId: params.connectionId ?? '' });
  } catch (e) {
    throw apiRouteError(e);
  }
}
