import type { IncomingMessage } from 'node:http';
import type { TDeps } from '../deps.ts';
import { bodyText, escapeHtml, type TReply } from '../http/io.ts';
import { opaque } from '../model/ids.ts';
import { allAccounts, issuerOf, type TAccount } from './accounts.ts';

const page = (status: number, title: string, body: string): TReply => ({
  status,
  headers: { 'cache-control': 'no-store' },
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
});

const errorPage = (code: string, message: string) =>
  page(400, `Access blocked: Error 400: ${code}`, `<p id="error">${escapeHtml(code)}</p><p>${escapeHtml(message)}</p>`);

/** The request's parameters, checked as Google does before it shows anything. */
function checked(deps: TDeps, params: URLSearchParams): TReply | undefined {
  const client = deps.world.oauthClients.get(params.get('client_id') ?? '');
  if (!client) return { ...errorPage('invalid_client', 'The OAuth client was not found.'), status: 401 };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri))
    return errorPage('redirect_uri_mismatch', `redirect_uri ${redirectUri} is not registered for this client.`);
  if (params.get('response_type') !== 'code')
    return errorPage('unsupported_response_type', 'The simulator supports response_type=code only.');
  if (!(params.get('scope') ?? '').split(/\s+/).includes('openid'))
    return errorPage('invalid_scope', 'Sign-in needs the openid scope.');
  const method = params.get('code_challenge_method');
  if (method && method !== 'S256' && method !== 'plain')
    return errorPage('invalid_request', 'code_challenge_method must be S256 or plain.');
  return undefined;
}

/**
 * `GET /o/oauth2/v2/auth`: the account chooser. The `hd` parameter only narrows the list shown
 * (Google's behaviour: it proves nothing, spec A); a POST may still pick any account.
 */
export function authorizePage(deps: TDeps, url: URL): TReply {
  const params = url.searchParams;
  const bad = checked(deps, params);
  if (bad) return bad;
  const hd = params.get('hd');
  const accounts = allAccounts(deps).filter((a) => !hd || hd === '*' || a.hd === hd);
  const hidden = [...params]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const rows = accounts
    .slice(0, 500)
    .map(
      (a) =>
        `<li><form method="post" action="/o/oauth2/v2/auth">${hidden}<input type="hidden" name="account" value="${escapeHtml(a.sub)}"><button type="submit">${escapeHtml(a.email)}</button> ${a.hd ? escapeHtml(a.hd) : '(consumer account)'}</form></li>`,
    )
    .join('');
  return page(200, 'Choose an account', `<ul>${rows}</ul>`);
}

function pick(deps: TDeps, key: string): TAccount | undefined {
  const all = allAccounts(deps);
  return all.find((a) => a.sub === key) ?? all.find((a) => a.email === key.toLowerCase());
}

/** `POST /o/oauth2/v2/auth` with `account` (a sub or an email): issues a code and redirects with it. */
export async function authorizeChoice(deps: TDeps, req: IncomingMessage): Promise<TReply> {
  const params = new URLSearchParams(await bodyText(req));
  const bad = checked(deps, params);
  if (bad) return bad;
  const account = pick(deps, params.get('account') ?? '');
  if (!account) return errorPage('invalid_request', 'No such account.');
  if (account.suspended)
    return page(
      403,
      'Account disabled',
      `<p>${escapeHtml(account.email)} has been suspended by its administrator.</p>`,
    );
  const code = opaque('4/0Asim-', 32);
  deps.runtime.codes.set(code, {
    clientId: params.get('client_id')!,
    redirectUri: params.get('redirect_uri')!,
    scope: params.get('scope')!,
    nonce: params.get('nonce') ?? undefined,
    challenge: params.get('code_challenge') ?? undefined,
    challengeMethod: params.get('code_challenge') ? (params.get('code_challenge_method') ?? 'plain') : undefined,
    account: { customerId: account.customerId, sub: account.sub },
    expiresAt: deps.clock() + 600_000,
  });
  const to = new URL(params.get('redirect_uri')!);
  const state = params.get('state');
  if (state !== null) to.searchParams.set('state', state);
  to.searchParams.set('iss', issuerOf(deps));
  to.searchParams.set('code', code);
  to.searchParams.set('scope', params.get('scope')!);
  to.searchParams.set('authuser', '0');
  if (account.hd) to.searchParams.set('hd', account.hd);
  to.searchParams.set('prompt', 'consent');
  return { status: 302, headers: { location: to.toString(), 'cache-control': 'no-store' } };
}
