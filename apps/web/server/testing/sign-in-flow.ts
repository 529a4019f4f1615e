import { createLogger } from '@butterfly/config';
import type { Db, Deps } from '@butterfly/domain/core';
import { resolveSession } from '@butterfly/domain/sessions';
import type { AppLoadContext } from '@remix-run/node';
import { authCookies } from '../../app/auth/cookies.server.ts';
import { SignInProblemError, completeSignIn, startSignIn } from '../../app/auth/sign-in.server.ts';

/** The cookies a response sets, as the browser sends them back (expired ones left out). */
export const cookiePair = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');

/** The page a sign-in ended on: 'signed in', or the SignInProblemError's problem. */
export const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'signed in',
    (e: unknown) => (e instanceof SignInProblemError ? e.problem : Promise.reject(e)),
  );

/**
 * The browser's side of an SSO sign-in for the web app's provider tests (Entra, Google): the load
 * context, /start (as the login page's hand-off navigates to it), the callback with the flow cookie,
 * the session a response started, and the refusals audited for a tenant.
 */
export function signInFlow(o: {
  db: Db;
  deps: Deps;
  services: AppLoadContext['services'];
  appUrl: string;
  requestId: string;
}) {
  const context = (): AppLoadContext => ({
    db: o.db,
    log: createLogger('test', 'silent'),
    keyring: o.deps.keyring,
    requestId: o.requestId,
    cspNonce: 'n',
    services: o.services,
    client: { ip: '203.0.113.9', userAgent: 'test-agent' },
  });
  return {
    context,
    /** Runs /start; returns the IdP's authorize URL, its parameters and the flow cookie. */
    async start(slug: string, hint: string) {
      const res = (await startSignIn(
        new Request(`${o.appUrl}/sso/${slug}/start?login_hint=${encodeURIComponent(hint)}`, {
          headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' },
        }),
        context(),
        slug,
      ).catch((e: unknown) => e)) as Response;
      const authorize = new URL(res.headers.get('location')!);
      return { authorize, cookie: cookiePair(res), p: Object.fromEntries(authorize.searchParams) };
    },
    /** The IdP's redirect back to /callback with `query`, carrying the flow cookie. */
    callback(slug: string, query: Record<string, string>, cookie: string) {
      const url = `${o.appUrl}/sso/${slug}/callback?${new URLSearchParams(query)}`;
      return completeSignIn(new Request(url, { headers: { cookie } }), context(), slug);
    },
    /** The session the response's cookie names (null once it ended). */
    async sessionOf(res: Response) {
      const pair = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('bfy_session='))!
        .split(';')[0]!;
      return resolveSession(o.deps, await authCookies(o.services).session.parse(pair));
    },
    /** The data of the tenant's `sso.sign_in_refused` audit rows, oldest first. */
    refusals(tenantId: string) {
      return o.db
        .selectFrom('audit_events')
        .select('data')
        .where('tenant_id', '=', tenantId)
        .where('action', '=', 'sso.sign_in_refused')
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((r) => r.data as Record<string, unknown>));
    },
  };
}
