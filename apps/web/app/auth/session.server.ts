import type { Deps } from '@butterfly/domain/core';
import { type SessionPrincipal, endSessions, resolveSession } from '@butterfly/domain/sessions';
import { type AppLoadContext, redirect } from '@remix-run/node';
import { authCookies, expireCookie } from './cookies.server.ts';

// One resolution per request (the load context is per request), however many loaders ask.
const resolved = new WeakMap<AppLoadContext, Promise<SessionPrincipal | null>>();

/**
 * The member behind the request's session cookie, checked against Postgres on every request
 * (`resolveSession`): a session ended anywhere (sign-out, "everywhere else", deactivation) stops
 * working on the very next request. A cookie with a bad signature is no cookie.
 */
export function getSessionPrincipal(request: Request, context: AppLoadContext): Promise<SessionPrincipal | null> {
  let principal = resolved.get(context);
  if (!principal) {
    principal = authCookies(context.services)
      .session.parse(request.headers.get('Cookie'))
      .then((raw: unknown) =>
        typeof raw === 'string' ? resolveSession({ db: context.db, clock: () => new Date() }, raw) : null,
      );
    resolved.set(context, principal);
  }
  return principal;
}

/** For pages that need a signed-in member: everyone else goes to the login page. */
export async function requireMember(request: Request, context: AppLoadContext): Promise<SessionPrincipal> {
  const principal = await getSessionPrincipal(request, context);
  if (!principal) throw redirect('/login');
  return principal;
}

/** Domain deps acting as the signed-in member (their own sessions). */
export function memberDeps(context: AppLoadContext, p: SessionPrincipal): Deps {
  return {
    db: context.db,
    log: context.log,
    keyring: context.keyring,
    bodies: context.services.bodies,
    clock: () => new Date(),
    requestId: context.requestId,
    actor: { kind: 'member', tenantId: p.tenantId, memberId: p.memberId, role: p.role, label: p.email, via: 'session' },
  };
}

/** Domain deps for the sign-in machinery itself (no member yet), named in the audit log. */
export function systemDeps(context: AppLoadContext, label: string): Deps {
  return {
    db: context.db,
    log: context.log,
    keyring: context.keyring,
    bodies: context.services.bodies,
    clock: () => new Date(),
    requestId: context.requestId,
    actor: { kind: 'system', label },
  };
}

/**
 * The Set-Cookie headers of a fresh sign-in. The new session id is always new (rotation), and the
 * session the browser held before, if any, is ended: a planted or stale cookie never survives a sign-in.
 */
export async function signedInHeaders(
  request: Request,
  context: AppLoadContext,
  rawSessionId: string,
  idToken?: string,
): Promise<Headers> {
  const previous = await getSessionPrincipal(request, context);
  if (previous) await endSessions(memberDeps(context, previous), { only: previous.sessionId });
  const cookies = authCookies(context.services);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', await cookies.session.serialize(rawSessionId));
  // Okta ID tokens fit a cookie comfortably; one that would not is simply not kept (sign-out then
  // falls back to client_id + post_logout_redirect_uri).
  const hint =
    idToken && idToken.length < 2_500
      ? await cookies.idTokenHint.serialize(idToken)
      : await expireCookie(cookies.idTokenHint);
  headers.append('Set-Cookie', hint);
  headers.append('Set-Cookie', await expireCookie(cookies.flow));
  return headers;
}
