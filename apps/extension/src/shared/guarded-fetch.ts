/**
 * The extension's one door to the network. Every request goes through `guardedFetch`, which sends
 * it only to an origin its caller allows right now: the content script allows the admin console it
 * runs in, the service worker the connected Butterfly origin. Anything else is refused before it
 * leaves, and redirects are refused too (one could carry the request to another host). A test
 * checks that no other file calls `fetch` or any other network API.
 */
export class BlockedRequestError extends Error {
  constructor(readonly origin: string) {
    super(`Blocked a request to ${origin}: the extension talks only to the admin console and to Butterfly`);
    this.name = 'BlockedRequestError';
  }
}

export type GuardedFetch = (url: string, init?: RequestInit) => Promise<Response>;

export function guardedFetch(allowedOrigins: () => readonly string[] | Promise<readonly string[]>): GuardedFetch {
  return async (url, init = {}) => {
    const target = new URL(url);
    const allowed = await allowedOrigins();
    if (!allowed.includes(target.origin)) throw new BlockedRequestError(target.origin);
    return fetch(target, { credentials: 'omit', ...init, redirect: 'error', referrerPolicy: 'no-referrer' });
  };
}
