import type { GuardedFetch } from '../shared/guarded-fetch.ts';

/**
 * The extension as an OAuth public client of Butterfly (authorization code + PKCE S256, RFC 7636;
 * rotating refresh tokens; RFC 7009 revocation; RFC 9207 `iss` on the redirect). Pure functions:
 * the caller brings the (guarded) fetch and keeps the state.
 */
export const CLIENT_ID = 'butterfly-extension';
export const HANDOFF_PATH = '/oauth/handoff';

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    description?: string,
  ) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'OAuthError';
  }
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomToken = (n = 32) => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** A fresh verifier (43 characters of base64url) and its S256 challenge; a state to bind the redirect. */
export async function startAuthorization() {
  const verifier = randomToken(32);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  return { verifier, challenge, state: randomToken(16) };
}

export const redirectUri = (butterflyUrl: string) => `${butterflyUrl}${HANDOFF_PATH}`;

export function authorizeUrl(butterflyUrl: string, p: { challenge: string; state: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(butterflyUrl),
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state: p.state,
  });
  return `${butterflyUrl}/oauth/authorize?${q}`;
}

/**
 * What the hand-off page's URL says: a code (or an error) for our state, issued by our Butterfly.
 * Null when the URL is not the hand-off page of `butterflyUrl`.
 */
export function readHandoff(
  url: string,
  butterflyUrl: string,
): { code?: string; state?: string; iss?: string; error?: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (`${u.origin}${u.pathname}` !== redirectUri(butterflyUrl)) return null;
  const get = (k: string) => u.searchParams.get(k) ?? undefined;
  return {
    code: get('code'),
    state: get('state'),
    iss: get('iss'),
    error: get('error') ? `${get('error')}: ${get('error_description') ?? ''}`.trim() : undefined,
  };
}

export interface TokenAnswer {
  accessToken: string;
  expiresAt: number;
  refreshToken: string;
}

async function tokenRequest(
  send: GuardedFetch,
  butterflyUrl: string,
  form: Record<string, string>,
  now: number,
): Promise<TokenAnswer> {
  const res = await send(`${butterflyUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ ...form, client_id: CLIENT_ID }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new OAuthError(
      typeof body.error === 'string' ? body.error : `http_${res.status}`,
      typeof body.error_description === 'string' ? body.error_description : undefined,
    );
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 300;
  // Renewed half a minute early, so a token never expires on its way to the server.
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: now + (expiresIn - 30) * 1000 };
}

export const redeemCode = (
  send: GuardedFetch,
  butterflyUrl: string,
  code: string,
  verifier: string,
  now = Date.now(),
) =>
  tokenRequest(
    send,
    butterflyUrl,
    { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri(butterflyUrl) },
    now,
  );

export const refreshTokens = (send: GuardedFetch, butterflyUrl: string, refreshToken: string, now = Date.now()) =>
  tokenRequest(send, butterflyUrl, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);

/** RFC 7009: the server answers 200 whatever the token was; a network failure is the caller's to report. */
export async function revokeToken(send: GuardedFetch, butterflyUrl: string, token: string): Promise<void> {
  await send(`${butterflyUrl}/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: CLIENT_ID }).toString(),
  });
}
