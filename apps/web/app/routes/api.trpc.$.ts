import type { LoaderFunctionArgs } from '@remix-run/node';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@butterfly/api';
import { apiContext } from '~/api.server.ts';
import { isBodyTooLarge } from '../../server/body-limit.ts';

/**
 * tRPC over fetch at /api/trpc/*, for GET (queries) and POST (mutations). The principal comes from
 * `Authorization: Bearer` (API token or access token) or else the session cookie; cookie-borne POSTs
 * have passed the CSRF guard (server/csrf.ts) before reaching here.
 */
function handle({ request, context }: LoaderFunctionArgs) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => apiContext(request, context),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !isBodyTooLarge(error)) context.log.error({ err: error, path }, 'tRPC procedure failed');
    },
  });
}

export const loader = handle;
export const action = handle;
