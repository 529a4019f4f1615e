import { createHash, randomBytes } from 'node:crypto';
import type { SimClient } from '../model/types.ts';
import type { OktaSim } from '../sim.ts';
import { Browser } from './browser.ts';

/** The relying party's side of an authorization-code + PKCE sign-in, for tests. */
export interface TSignIn {
  sim: OktaSim;
  org: string;
  client: SimClient;
  email: string;
  password: string;
  browser?: Browser;
  /** Leave out the PKCE challenge, to see it refused. */
  withoutPkce?: boolean;
  loginHint?: string;
}

const random = () => randomBytes(16).toString('base64url');

export function authorizeUrl(sim: OktaSim, org: string, client: SimClient, extra: Record<string, string> = {}) {
  const url = new URL(`${sim.url}/${org}/oauth2/v1/authorize`);
  const params = {
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: client.redirect_uris[0]!,
    scope: 'openid profile email',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

export const formAction = (html: string, base: string) =>
  new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!, base).href;

/** Starts at /authorize, signs in on the login form, follows consent back to the redirect_uri. */
export async function signIn(input: TSignIn) {
  const browser = input.browser ?? new Browser();
  const state = random();
  const nonce = random();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const pkce: Record<string, string> = input.withoutPkce
    ? {}
    : { code_challenge: challenge, code_challenge_method: 'S256' };
  const hint: Record<string, string> = input.loginHint ? { login_hint: input.loginHint } : {};
  const start = authorizeUrl(input.sim, input.org, input.client, { state, nonce, ...pkce, ...hint });
  const redirectUri = input.client.redirect_uris[0]!;

  const login = await browser.follow(start, {}, redirectUri);
  if (!login.res) return { browser, state, nonce, verifier, callback: new URL(login.url), loginPage: undefined };
  const loginPage = await login.res.text();
  const after = await browser.postForm(
    formAction(loginPage, login.url),
    { email: input.email, password: input.password },
    redirectUri,
  );
  const callback = after.res ? undefined : new URL(after.url);
  const failedPage = after.res ? { status: after.res.status, html: await after.res.text() } : undefined;
  return { browser, state, nonce, verifier, callback, loginPage, failedPage };
}

/** The token request, with client_secret_basic (as arctic sends it) or client_secret_post. */
export async function exchangeCode(
  sim: OktaSim,
  org: string,
  client: SimClient,
  code: string,
  verifier: string,
  auth: 'basic' | 'post' = 'basic',
) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirect_uris[0]!,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') {
    const basic = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else {
    form.set('client_id', client.client_id);
    form.set('client_secret', client.client_secret);
  }
  const res = await fetch(`${sim.url}/${org}/oauth2/v1/token`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}
