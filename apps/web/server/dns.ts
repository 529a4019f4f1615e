import { Resolver } from 'node:dns/promises';
import type { TxtResolver } from '@butterfly/domain';

/**
 * TXT lookups for domain verification. BUTTERFLY_DNS_SERVER points them at one server (an internal
 * resolver, or a test's fake DNS); unset, the system's resolvers answer. Short timeouts: an admin is
 * waiting on the "verify" button.
 */
export function createTxtResolver(server?: string): TxtResolver {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (server) resolver.setServers([server]);
  return (name) => resolver.resolveTxt(name);
}
