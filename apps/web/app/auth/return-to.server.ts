import { type AppLoadContext, redirect } from '@remix-run/node';
import { authCookies, expireCookie } from './cookies.server.ts';

/**
 * A path on this site to return to after sign-in, or null. Only local paths: an absolute or
 * protocol-relative URL (`//evil`, `/\evil`) would make sign-in an open redirect.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2_000 || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  const base = new URL('http://butterfly.invalid');
  const url = new URL(value, base);
  return url.origin === base.origin ? `${url.pathname}${url.search}` : null;
}

/**
 * Sends a signed-out browser to sign in, remembering where it was going in a signed, 10-minute
 * cookie that the SSO callback reads (the IdP round trip cannot carry it).
 */
export async function returnToLogin(context: AppLoadContext, path: string): Promise<Response> {
  const cookie = authCookies(context.services).returnTo;
  return redirect(`/login?returnTo=${encodeURIComponent(path)}`, { headers: { 'Set-Cookie': await cookie.serialize(path), 'Cache-Control': 'no-store' } });
}

/** Where a completed sign-in goes, and the Set-Cookie that forgets it. */
export async function takeReturnTo(request: Request, context: AppLoadContext): Promise<{ to: string; clear: string }> {
  const cookie = authCookies(context.services).returnTo;
  const to = safeReturnTo(await cookie.parse(request.headers.get('Cookie'))) ?? '/';
  return { to, clear: await expireCookie(cookie) };
}
