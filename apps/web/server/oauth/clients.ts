/**
 * Butterfly's own OAuth clients, registered in code: first-party only, so no dynamic registration.
 * Still, a member allows each client once on a consent page (what it is, for which organisation, what
 * it may do): otherwise any page could have a signed-in browser hand a code to the client's redirect.
 * Public clients (no secret: an extension cannot keep one), so PKCE S256 is what binds a code to
 * the instance that asked for it.
 */
export interface OAuthClient {
  id: string;
  name: string;
  /** Exact redirect URIs (RFC 9700: no wildcards, no prefix matching). */
  redirectUris: readonly string[];
  /** Origins allowed to call the token, revocation and API endpoints from a browser context (CORS). */
  origins: readonly string[];
  /** What a consent covers; a client that asks for more is asked about again. */
  scopes: readonly string[];
  /** What the consent page says the client may do, in the member's words. */
  abilities: readonly string[];
}

export const EXTENSION_CLIENT_ID = 'butterfly-extension';
export const HANDOFF_PATH = '/oauth/handoff';

/**
 * The extension's redirect URIs: Chrome's `chrome.identity.getRedirectURL()` for each configured
 * extension id (`https://<id>.chromiumapp.org/`, which only that extension can receive), and
 * Butterfly's own handoff page, which shows the code to a user (or an extension content script)
 * when `launchWebAuthFlow` is not available.
 */
export function firstPartyClients(settings: {
  appUrl: string;
  extensionIds: readonly string[];
}): ReadonlyMap<string, OAuthClient> {
  const extension: OAuthClient = {
    id: EXTENSION_CLIENT_ID,
    name: 'Butterfly for Chrome',
    redirectUris: [
      `${settings.appUrl}${HANDOFF_PATH}`,
      ...settings.extensionIds.map((id) => `https://${id}.chromiumapp.org/`),
    ],
    origins: settings.extensionIds.map((id) => `chrome-extension://${id}`),
    scopes: ['butterfly.api'],
    abilities: [
      'Use Butterfly as you, with your role: everything your role can see and do through the API.',
      "Show Butterfly's backups and history of the object you open in the Okta admin console, and snapshot it if your role allows.",
      'Stay connected until you disconnect it, sign out everywhere, or your access ends.',
    ],
  };
  return new Map([[extension.id, extension]]);
}

/** The origins that may call Butterfly cross-origin, over every client. */
export const corsOrigins = (clients: ReadonlyMap<string, OAuthClient>) =>
  new Set([...clients.values()].flatMap((c) => c.origins));
