import { type Cookie, createCookie } from '@remix-run/node';

/** What the cookies need from the process's services (server/services.ts). */
export interface CookieSettings {
  secureCookies: boolean;
  cookieSecret: string;
}

export interface AuthCookies {
  /** The opaque session id (`bfyss_...`); the session itself lives in Postgres. */
  session: Cookie;
  /** State, nonce and PKCE verifier of one sign-in in progress, for 10 minutes. */
  flow: Cookie;
  /** The last ID token, sent back as `id_token_hint` on sign-out (Okta requires it). Never trusted. */
  idTokenHint: Cookie;
  /** A local path to go back to after sign-in (an OAuth authorization request), for 10 minutes. */
  returnTo: Cookie;
}

const cache = new WeakMap<CookieSettings, AuthCookies>();

/**
 * Every cookie is signed (HMAC with the key derived from the master key), HttpOnly and SameSite=Lax:
 * Lax, not Strict, because the IdP's redirect back to the callback is a cross-site navigation that
 * must carry the flow cookie, and a link from the IdP's dashboard should land signed in. Over https
 * they are Secure with the `__Host-` prefix (no Domain, Path=/: a sibling subdomain cannot set them).
 */
export function authCookies(settings: CookieSettings): AuthCookies {
  let cookies = cache.get(settings);
  if (!cookies) {
    const make = (name: string, maxAge?: number) =>
      createCookie(settings.secureCookies ? `__Host-${name}` : name, {
        httpOnly: true,
        sameSite: 'lax',
        secure: settings.secureCookies,
        path: '/',
        secrets: [settings.cookieSecret],
        ...(maxAge ? { maxAge } : {}),
      });
    // Session and hint cookies last as long as the browser session; Postgres enforces 2 h idle / 12 h.
    cookies = {
      session: make('bfy_session'),
      flow: make('bfy_oidc', 600),
      idTokenHint: make('bfy_idt'),
      returnTo: make('bfy_return', 600),
    };
    cache.set(settings, cookies);
  }
  return cookies;
}

/** A Set-Cookie value that deletes the cookie. */
export const expireCookie = (cookie: Cookie) => cookie.serialize('', { maxAge: 0, expires: new Date(0) });
