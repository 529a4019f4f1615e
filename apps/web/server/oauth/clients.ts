/**
 * Butterfly's own OAuth clients, registered in code: first-party only, so no dynamic registration and
 * no consent screen (the user signed in to Butterfly is authorizing Butterfly's own extension).
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
}

export const EXTENSION_CLIENT_ID = 'butterfly-extension';
export const HANDOFF_PATH = '/oauth/handoff';

/**
 * The extension's redirect URIs: Chrome's `chrome.identity.getRedirectURL()` for each configured
 * extension id (`https://<id>.chromiumapp.org/`, which only that extension can receive), and
 * Butterfly's own handoff page, which shows the code to a user (or an extension content script)
 * when `launchWebAuthFlow` is not available.
 */
export function firstPartyClients(settings: { appUrl: string; extensionIds: readonly string[] }): ReadonlyMap<string, OAuthClient> {
  const extension: OAuthClient = {
    id: EXTENSION_CLIENT_ID,
    name: 'Butterfly for Chrome',
    redirectUris: [`${settings.appUrl}${HANDOFF_PATH}`, ...settings.extensionIds.map((id) => `https://${id}.chromiumapp.org/`)],
    origins: settings.extensionIds.map((id) => `chrome-extension://${id}`),
  };
  return new Map([[extension.id, extension]]);
}

/** The origins that may call Butterfly cross-origin, over every client. */
export const corsOrigins = (clients: ReadonlyMap<string, OAuthClient>) => new Set([...clients.values()].flatMap((c) => c.origins));
