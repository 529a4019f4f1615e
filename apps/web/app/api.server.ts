import { appRouter, createCallerFactory, createContext } from '@butterfly/api';
import type { AppLoadContext } from '@remix-run/node';
import { requestPrincipal } from './auth/request-principal.server.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * The tRPC context of a request, its principal from the Authorization header (API token, access
 * token) or else the session cookie. The /api/trpc route and the pages' loaders and actions (through
 * `api()`) build it the same way, so a page can do exactly what the API lets its user do, checked by
 * the same procedure ladder.
 */
export async function apiContext(request: Request, context: AppLoadContext) {
  return apiContextFor(context, await requestPrincipal(request, context));
}

/** The same, for a principal already resolved (the /api/trpc route counts failed Bearer credentials first). */
export function apiContextFor(context: AppLoadContext, principal: Awaited<ReturnType<typeof requestPrincipal>>) {
  return createContext({
    db: context.db,
    log: context.log,
    keyring: context.keyring,
    bodies: context.services.bodies,
    requestId: context.requestId,
    principal,
    services: context.services.api,
    jobs: context.services.jobs,
  });
}

/** Server-side tRPC caller for a page's loader or action. */
export async function api(request: Request, context: AppLoadContext) {
  return createCaller(await apiContext(request, context));
}
