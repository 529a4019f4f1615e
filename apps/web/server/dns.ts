import { Resolver } from 'node:dns/promises';
import type { TxtResolver } from '@butterfly/domain/sso';

/**
 * TXT lookups for domain verification. BUTTERFLY_DNS_SERVER points them at one server (an internal
 * resolver, or a test's fake DNS); unset, the system's resolvers answer. Short timeouts: an admin is
 * waiting on the "verify" button. c-ares' own timeout is per try and grows with each retry, so the
 * whole lookup also has a deadline; each lookup gets its own resolver, so cancelling one at its
 * deadline cancels nothing else.
 */
export function createTxtResolver(server?: string, opts: { deadlineMs?: number } = {}): TxtResolver {
  const deadlineMs = opts.deadlineMs ?? 5_000;
  return async (name) => {
    const resolver = new Resolver({ timeout: 2_000, tries: 2 });
    if (server) resolver.setServers([server]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        resolver.cancel();
        reject(Object.assign(new Error(`no DNS answer for ${name} within ${deadlineMs} ms`), { code: 'ETIMEOUT' }));
      }, deadlineMs);
    });
    try {
      return await Promise.race([resolver.resolveTxt(name), deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}
