import { createHash, randomBytes } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { READ_SCOPES, WRITE_SCOPES } from '../auth/scopes.ts';
import { createGoogleSim, type GoogleSim, type TGoogleSimOptions } from '../sim.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface TKeyFile {
  private_key: string;
  private_key_id: string;
  client_email: string;
  token_uri: string;
}

/** A simulator on a free port, and the calls the tests make against it over real HTTP. */
export async function startSim(options: TGoogleSimOptions = {}) {
  const sim: GoogleSim = await createGoogleSim(options);
  const demo = sim.demo!;

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const keyFile = async (email: string = demo.backup.email) =>
    (await (await control('GET', `/service-accounts/${email}/key`)).json()) as TKeyFile;

  /** A JWT-bearer assertion as google-auth-library builds it; `claims` override the defaults. */
  async function assertion(
    opts: { sa?: string; sub?: string | null; scopes?: string[]; claims?: Record<string, unknown> } = {},
  ) {
    const key = await keyFile(opts.sa);
    const now = Math.floor((options.clock ?? Date.now)() / 1000);
    return new SignJWT({
      iss: key.client_email,
      aud: key.token_uri,
      scope: (opts.scopes ?? [...READ_SCOPES, ...WRITE_SCOPES]).join(' '),
      iat: now,
      exp: now + 3600,
      ...(opts.sub === null ? {} : { sub: opts.sub ?? demo.admin }),
      ...opts.claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })
      .sign(await importPKCS8(key.private_key, 'RS256'));
  }

  const tokenResponse = (form: Record<string, string>) =>
    fetch(`${sim.url}/token`, { method: 'POST', body: new URLSearchParams(form) });

  async function saToken(opts: Parameters<typeof assertion>[0] = {}) {
    const res = await tokenResponse({ grant_type: JWT_BEARER, assertion: await assertion(opts) });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  const api = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  return {
    sim,
    demo,
    url: sim.url,
    control,
    keyFile,
    assertion,
    tokenResponse,
    saToken,
    api,
    close: () => sim.close(),
  };
}

export type TSimHarness = Awaited<ReturnType<typeof startSim>>;

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The code flow as a browser does it: the chooser, pick `account`, follow the redirect, redeem. */
export async function signIn(
  h: TSimHarness,
  opts: { account: string; redirectUri: string; scope?: string; nonce?: string; hd?: string },
) {
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    client_id: h.demo.signIn.clientId,
    response_type: 'code',
    redirect_uri: opts.redirectUri,
    scope: opts.scope ?? 'openid email profile',
    state: 'st-1',
    nonce: opts.nonce ?? 'n-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(opts.hd ? { hd: opts.hd } : {}),
  });
  const page = await fetch(`${h.url}/o/oauth2/v2/auth?${params}`);
  const chooser = await page.text();
  params.set('account', opts.account);
  const chosen = await fetch(`${h.url}/o/oauth2/v2/auth`, { method: 'POST', body: params, redirect: 'manual' });
  const location = chosen.headers.get('location');
  const back = location ? new URL(location) : undefined;
  const redeem = (codeVerifier = verifier) =>
    h.tokenResponse({
      grant_type: 'authorization_code',
      client_id: h.demo.signIn.clientId,
      client_secret: h.demo.signIn.secret,
      code: back?.searchParams.get('code') ?? '',
      redirect_uri: opts.redirectUri,
      code_verifier: codeVerifier,
    });
  return { page, chooser, chosen, back, redeem };
}
