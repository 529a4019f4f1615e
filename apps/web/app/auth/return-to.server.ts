import { type AppLoadContext, redirect } from '@remix-run/node';
import { authCookies, expireCookie } from './cookies.server.ts';

// Controls (browsers drop tabs and newlines inside URLs) and backslashes (read as `/`): refused, not cleaned.
const hasUnsafeChar = (s: string) => [...s].some((c) => c <= '\u001f' || c === '\u007f' || c === '\\');

/**
 * A path on this site to return to after sign-in, or null. The value is resolved with `URL` against
 * APP_URL and kept only when it stays on APP_URL's origin; what is returned is the resolved path,
 * never the raw input. A path that resolves to start with `//` (`/.//evil.com`, `/x/..//evil.com`)
 * is refused too: in a Location header a browser reads it as another host.
 */
export function safeReturnTo(value: unknown, appUrl: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2_000 || hasUnsafeChar(value)) return null;
  const base = new URL(appUrl);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || !(value.startsWith('/') || value.startsWith(`${base.origin}/`))) return null;
  const path = `${url.pathname}${url.search}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : null;
}

/**
 * Sends a signed-out browser to sign in, remembering where it was going in a signed, 10-minute
 * cookie that the SSO callback reads (the IdP round trip cannot carry it).
 */
export async function returnToLogin(context: AppLoadContext, path: string): Promise<Response> {
  const cookie = authCookies(context.services).returnTo;
  return redirect(`/login?returnTo=${encodeURIComponent(path)}`, {
    headers: { 'Set-Cookie': await cookie.serialize(path), 'Cache-Control': 'no-store' },
  });
}

/** Where a completed sign-in goes, and the Set-Cookie that forgets it. */
export async function takeReturnTo(request: Request, context: AppLoadContext): Promise<{ to: string; clear: string }> {
  const cookie = authCookies(context.services).returnTo;
  const to = safeReturnTo(await cookie.parse(request.headers.get('Cookie')), context.services.appUrl) ?? '/';
  return { to, clear: await expireCookie(cookie) };
}
