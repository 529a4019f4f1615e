import { randomBytes, randomUUID } from 'node:crypto';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import type { TSimDeps } from './deps.ts';
import { aadstsBody } from './errors.ts';
import { formPostPage, signInPage, stsErrorPage } from './pages.ts';

const CODE_MS = 10 * 60_000;
const PAGE = 50;

export type TAuthorizeResult = { status: number; html?: string; location?: string };

function fail(which: Parameters<typeof aadstsBody>[0], detail?: string): TAuthorizeResult {
  return { status: 400, html: stsErrorPage(aadstsBody(which, detail).error_description) };
}

/** The tenant and app an authorize request is for; `common`/`organizations` use the app's home tenant. */
function resolve(deps: TSimDeps, tenantName: string, params: URLSearchParams) {
  const clientId = params.get('client_id') ?? '';
  const multi = ['common', 'organizations'].includes(tenantName.toLowerCase());
  const tenant = multi ? deps.registry.byClient(clientId) : deps.registry.find(tenantName);
  if (!tenant) return { error: multi ? fail('appNotFound', clientId) : fail('tenantNotFound', tenantName) };
  const app = tenant.apps.get(clientId);
  if (!app) return { error: fail('appNotFound', `'${clientId}' in the directory '${tenant.id}'`) };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) return { error: fail('redirectMismatch', `'${redirectUri}'`) };
  if (!(params.get('response_type') ?? '').split(' ').includes('code'))
    return { error: fail('unsupportedGrant', 'response_type must include code') };
  if (!params.get('code_challenge') || (params.get('code_challenge_method') ?? 'plain') !== 'S256')
    return { error: fail('pkceRequired', 'code_challenge with code_challenge_method=S256') };
  return { tenant, app, redirectUri };
}

function usersFor(tenant: Tenant, params: URLSearchParams): { shown: TObj[]; total: number } {
  // `total` is how many match, so the page can say how many more a narrower hint would reach.
  const users = [...tenant.collection('users').values()].filter((u) => u.accountEnabled !== false);
  const q = (params.get('login_hint') ?? params.get('q') ?? '').toLowerCase();
  const matching = q ? users.filter((u) => `${u.userPrincipalName} ${u.displayName}`.toLowerCase().includes(q)) : users;
  return { shown: matching.slice(0, PAGE), total: matching.length };
}

/** GET: validate, then show the account picker. */
export function authorizePage(deps: TSimDeps, tenantName: string, params: URLSearchParams): TAuthorizeResult {
  const r = resolve(deps, tenantName, params);
  if ('error' in r) return r.error!;
  const { shown, total } = usersFor(r.tenant, params);
  params.delete('q');
  return { status: 200, html: signInPage(r.tenant.domain, params, shown, total) };
}

/** POST from the picker: a one-time code for the chosen user, returned by form_post or query. */
export function completeAuthorize(deps: TSimDeps, tenantName: string, form: URLSearchParams): TAuthorizeResult {
  const r = resolve(deps, tenantName, form);
  if ('error' in r) return r.error!;
  const { tenant, app, redirectUri } = r;
  const user = tenant.collection('users').get(form.get('user_id') ?? '');
  if (!user) return { status: 400, html: stsErrorPage('Pick an account from the list.') };
  const sid = randomUUID();
  tenant.sessions.set(sid, { sid, userId: user.id, clientIds: new Set([app.clientId]) });
  const code = randomBytes(32).toString('base64url');
  deps.codes.set(code, {
    tenantId: tenant.id,
    clientId: app.clientId,
    userId: user.id,
    redirectUri,
    challenge: form.get('code_challenge')!,
    nonce: form.get('nonce') ?? undefined,
    scope: form.get('scope') ?? 'openid',
    sid,
    expiresAt: deps.clock() + CODE_MS,
  });
  const fields: Record<string, string> = { code, session_state: sid };
  const state = form.get('state');
  if (state !== null) fields.state = state;
  if (form.get('response_mode') === 'form_post') return { status: 200, html: formPostPage(redirectUri, fields) };
  const to = new URL(redirectUri);
  for (const [k, v] of Object.entries(fields)) to.searchParams.set(k, v);
  return { status: 302, location: to.toString() };
}
