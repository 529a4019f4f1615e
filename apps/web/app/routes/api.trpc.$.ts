import type { LoaderFunctionArgs } from '@remix-run/node';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@butterfly/api';
import { apiContextFor } from '~/api.server.ts';
import { refuseRepeatedBearerFailures } from '~/auth/failed-bearer.server.ts';
import { requestPrincipal } from '~/auth/request-principal.server.ts';
import { isBodyTooLarge } from '../../server/body-limit.ts';

/**
 * tRPC over fetch at /api/trpc/*, for GET (queries) and POST (mutations). The principal comes from
 * `Authorization: Bearer` (API token or access token) or else the session cookie; cookie-borne POSTs
 * have passed the CSRF guard (server/csrf.ts) before reaching here. A Bearer credential that fails
 * counts against the client address; past the allowance it is answered 429 instead of 401.
 */
async function handle({ request, context }: LoaderFunctionArgs) {
  const principal = await requestPrincipal(request, context);
  if (!principal && request.headers.has('authorization')) {
    const warn = (err: unknown) => context.log.warn({ err }, 'could not count a failed Bearer authentication');
    const refused = await refuseRepeatedBearerFailures(context.rateLimits?.api_bearer_fail_ip, context.client.ip, warn);
    if (refused) return refused;
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => apiContextFor(context, principal),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !isBodyTooLarge(error))
        context.log.error({ err: error, path }, 'tRPC procedure failed');
    },
  });
}

export const loader = handle;
export const action = handle;
