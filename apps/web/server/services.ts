import type { ApiServices } from '@butterfly/api';
import { createTxtResolver } from './dns.ts';
import { createDiscovery, type Discovery } from './oidc/discovery.ts';
import { createKeySets, type KeySets } from './oidc/key-sets.ts';
import { createIssuerProbe } from './oidc/probe-issuer.ts';
import { type HostLookup, allowedAddresses, createSafeFetch } from './outbound/safe-fetch.ts';

export interface WebSettings {
  /** APP_URL without a trailing slash: redirect URIs, the CSRF origin, links in messages. */
  appUrl: string;
  /** APP_URL is https: cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** Signs the web app's cookies; derived from the master key (cookie-secret.ts). */
  cookieSecret: string;
  allowPrivateUrls: boolean;
  dnsServer?: string;
  /** Tests resolve issuer host names themselves. */
  lookup?: HostLookup;
}

/**
 * The process-wide services routes reach through the load context: built once here (caches live as
 * long as the process), never as module singletons in the Remix bundle.
 */
export function createWebServices(settings: WebSettings) {
  const policy = { allowPrivate: settings.allowPrivateUrls, lookup: settings.lookup };
  const fetch = createSafeFetch(policy);
  const discovery: Discovery = createDiscovery({ fetch });
  const keySets: KeySets = createKeySets({ fetch });
  const api: ApiServices = {
    resolveTxt: createTxtResolver(settings.dnsServer),
    probeIssuer: createIssuerProbe({ discovery, fetch }),
  };
  return {
    appUrl: settings.appUrl,
    secureCookies: settings.secureCookies,
    cookieSecret: settings.cookieSecret,
    discovery,
    keySets,
    api,
    /**
     * Applies the outbound policy to a URL fetched by code we don't control (arctic's token request):
     * checked just before the request, so only a DNS change within that instant could slip past.
     */
    async assertAllowedUrl(url: string): Promise<void> {
      await allowedAddresses(new URL(url), policy);
    },
  };
}
export type WebServices = ReturnType<typeof createWebServices>;
