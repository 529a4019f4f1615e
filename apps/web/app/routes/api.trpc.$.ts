import { appRouter, createContext } from '@butterfly/api';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

/** tRPC over fetch at /api/trpc/*, for GET (queries) and POST (mutations). */
function handle({ request, context }: LoaderFunctionArgs) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () =>
      createContext({
        db: context.db,
        log: context.log,
        keyring: context.keyring,
        requestId: context.requestId,
        principal: null, // no one is signed in until SSO sign-in exists
      }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') context.log.error({ err: error, path }, 'tRPC procedure failed');
    },
  });
}

export const loader = handle;
export const action = handle;
