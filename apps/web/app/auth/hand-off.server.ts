import { data, redirectDocument } from '@remix-run/node';

/**
 * Whether a POST is the browser's own form submission (JavaScript off, or not yet loaded) rather than
 * a submission by Remix's client, which is a fetch (`Sec-Fetch-Mode: cors`). A browser that sends no
 * Sec-Fetch-Mode is treated as a form submission: the page answered then works for everyone.
 */
export function isFormNavigation(request: Request): boolean {
  const mode = request.headers.get('sec-fetch-mode');
  return mode === null || mode === 'navigate';
}

/**
 * Answers a form POST whose next stop leads to another origin (the IdP). CSP `form-action 'self'`
 * covers every hop of a form submission's redirect chain in Chromium, so a redirect (even a 303 to
 * one of our pages that then redirects) is blocked there. Instead:
 * - Remix's client (a fetch) gets `redirectDocument`, which it follows as a fresh page load;
 * - a browser's own form submission gets a small page with a link to `to` and a `Refresh: 0` header,
 *   a navigation the page starts by itself, which form-action does not govern (decision 034).
 * `to` is built by the server only (our /sso/<tenant>/start, or the IdP's end_session_endpoint from
 * its discovery document), never taken from the request.
 */
export function handOff(request: Request, to: string, init: { headers?: Headers } = {}) {
  const headers = new Headers(init.headers);
  headers.set('Cache-Control', 'no-store');
  if (!isFormNavigation(request)) return redirectDocument(to, { headers });
  headers.set('Refresh', `0; url=${to}`);
  return data({ handOff: to }, { headers });
}
