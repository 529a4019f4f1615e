import type { ApiServices } from '@butterfly/api';
import type { BodyStore } from '@butterfly/domain/bodies';
import { scimEnv } from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import { jobQueue } from '@butterfly/jobs';
import { type HostLookup, type OutboundClient, createOutboundClient } from '@butterfly/outbound';
import { createTxtResolver } from './dns.ts';
import { createDiscovery, type Discovery } from './oidc/discovery.ts';
import { createKeySets, type KeySets } from './oidc/key-sets.ts';
import { createIssuerProbe } from './oidc/probe-issuer.ts';
import { createAccessTokens } from './oauth/access-tokens.ts';
import { webhookTargetCheck } from './webhook-target-check.ts';
import { firstPartyClients } from './oauth/clients.ts';

export interface WebSettings {
  /** APP_URL without a trailing slash: redirect URIs, the CSRF origin, links in messages. */
  appUrl: string;
  /** APP_URL is https: cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** Signs the web app's cookies; derived from the master key (cookie-secret.ts). */
  cookieSecret: string;
  allowPrivateUrls: boolean;
  /** Addresses allowed even when private ones are not: tests allow exactly their rogue servers. */
  allowAddresses?: readonly string[];
  dnsServer?: string;
  /** Tests resolve issuer host names themselves. */
  lookup?: HostLookup;
  /** Signs access tokens; derived from the master key (oauth/access-tokens.ts). Random when absent (tests). */
  accessTokenSeed?: Buffer;
  /** BUTTERFLY_EXTENSION_IDS: the extension builds the OAuth endpoints accept. */
  extensionIds?: readonly string[];
  /** Where snapshot bodies are kept (BUTTERFLY_BODY_STORE, decision 044); Postgres when absent (tests). */
  bodies?: BodyStore;
  /** SCIM_PUBLIC_URL: the SCIM base URL an identity provider is given (the SCIM settings page shows it). */
  scimBaseUrl?: string;
  /** BUTTERFLY_FRESHNESS_SETTLE_SECONDS: how long after an event hook call its poll runs (decision 048; default 5). */
  freshnessSettleSeconds?: number;
}

/**
 * The process-wide services routes reach through the load context: built once here (caches live as
 * long as the process), never as module singletons in the Remix bundle.
 */
export function createWebServices(settings: WebSettings) {
  const policy = {
    allowPrivate: settings.allowPrivateUrls,
    allowAddresses: settings.allowAddresses,
    lookup: settings.lookup,
  };
  // Every call to a tenant's IdP (discovery, JWKS, the code exchange, the connection test): an
  // admin or a sign-in is waiting, so 5 s for the whole answer; metadata and key sets are small.
  const outbound: OutboundClient = createOutboundClient({ ...policy, timeoutMs: 5_000, maxBytes: 1_000_000 });
  const discovery: Discovery = createDiscovery({ outbound });
  const keySets: KeySets = createKeySets({ outbound });
  const api: ApiServices = {
    resolveTxt: createTxtResolver(settings.dnsServer),
    probeIssuer: createIssuerProbe({ discovery, outbound }),
    // "Test connection" calls the tenant's Okta org: the same outbound policy as the worker's backups.
    idpClientFor: idpClientFactory({
      allowPrivateNetwork: settings.allowPrivateUrls,
      allowAddresses: settings.allowAddresses,
      lookup: settings.lookup,
    }),
    // "Add webhook": the filter the worker's deliveries use, applied when the target is entered.
    checkWebhookTarget: webhookTargetCheck(policy),
  };
  return {
    appUrl: settings.appUrl,
    /** Where identity providers send SCIM requests; the default of @butterfly/config's scimEnv when unset. */
    scimBaseUrl: settings.scimBaseUrl ?? scimEnv({}).SCIM_PUBLIC_URL,
    secureCookies: settings.secureCookies,
    cookieSecret: settings.cookieSecret,
    discovery,
    keySets,
    api,
    /** Enqueues jobs in the caller's transaction ("Backup now", test alerts); the worker runs them. */
    jobs: jobQueue,
    /** Butterfly's own OAuth server: its access-token signer and its first-party clients. */
    accessTokens: createAccessTokens({ issuer: settings.appUrl, seed: settings.accessTokenSeed }),
    oauthClients: firstPartyClients({ appUrl: settings.appUrl, extensionIds: settings.extensionIds ?? [] }),
    /** Where snapshot bodies are kept: handed to every use-case's deps. */
    bodies: settings.bodies,
    /** How long after an Okta event hook call the coalesced poll runs (decision 048). */
    freshnessSettleSeconds: settings.freshnessSettleSeconds ?? 5,
    /** The outbound client the code exchange goes through (redirects refused). */
    outbound,
  };
}
export type WebServices = ReturnType<typeof createWebServices>;
