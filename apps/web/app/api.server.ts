import { type RequestPrincipal, appRouter, createCallerFactory, createContext } from '@butterfly/api';
import type { AppLoadContext } from '@remix-run/node';
import { getSessionPrincipal } from './auth/session.server.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * The tRPC context of a request, its principal from the session cookie. The /api/trpc route and the
 * pages' loaders and actions (through `api()`) build it the same way, so a page can do exactly what
 * the API lets its user do, checked by the same procedure ladder.
 */
export async function apiContext(request: Request, context: AppLoadContext) {
  const s = await getSessionPrincipal(request, context);
  const principal: RequestPrincipal | null = s && {
    tenantId: s.tenantId,
    memberId: s.memberId,
    email: s.email,
    role: s.role,
    via: 'session',
    sessionId: s.sessionId,
  };
  return createContext({ db: context.db, log: context.log, keyring: context.keyring, requestId: context.requestId, principal, services: context.services.api });
}

/** Server-side tRPC caller for a page's loader or action. */
export async function api(request: Request, context: AppLoadContext) {
  return createCaller(await apiContext(request, context));
}
