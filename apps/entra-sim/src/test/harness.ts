import { createHash, randomBytes } from 'node:crypto';
import { createEntraSim, type EntraSim, type TEntraSimOptions } from '../sim.ts';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** A simulator on a free port, and the calls the tests make against it over real HTTP. */
export async function startSim(options: TEntraSimOptions = {}) {
  const sim: EntraSim = await createEntraSim(options);
  const demo = sim.demo!;
  const tid: string = demo.tenantId;

  const tokenResponse = (form: Record<string, string>, tenant = tid) =>
    fetch(`${sim.url}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });

  async function appToken(clientId: string = demo.backup.clientId, secret: string = demo.backup.secret, tenant = tid) {
    const res = await tokenResponse(
      { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: GRAPH_SCOPE },
      tenant,
    );
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  const graph = (
    path: string,
    token: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  return { sim, demo, tid, url: sim.url, tokenResponse, appToken, graph, control, close: () => sim.close() };
}

export type TSimHarness = Awaited<ReturnType<typeof startSim>>;

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The hidden fields of a form_post page. */
export function formFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

/**
 * The code flow as a browser does it: authorize (the picker), choose `userId`, read the form_post,
 * redeem the code with the PKCE verifier.
 */
export async function signIn(
  h: TSimHarness,
  opts: { clientId: string; secret: string; redirectUri: string; userId: string; scope?: string; nonce?: string },
) {
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    client_id: opts.clientId,
    response_type: 'code',
    redirect_uri: opts.redirectUri,
    response_mode: 'form_post',
    scope: opts.scope ?? 'openid profile email',
    state: 'st-1',
    nonce: opts.nonce ?? 'n-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const page = await fetch(`${h.url}/${h.tid}/oauth2/v2.0/authorize?${params}`);
  if (page.status !== 200) throw new Error(`authorize: ${page.status}`);
  params.set('user_id', opts.userId);
  const posted = await fetch(`${h.url}/${h.tid}/oauth2/v2.0/authorize`, { method: 'POST', body: params });
  const fields = formFields(await posted.text());
  const redeem = (codeVerifier = verifier) =>
    h.tokenResponse({
      grant_type: 'authorization_code',
      client_id: opts.clientId,
      client_secret: opts.secret,
      code: fields.code!,
      redirect_uri: opts.redirectUri,
      code_verifier: codeVerifier,
    });
  return { fields, verifier, redeem };
}
