import { send, type TSentRequest } from '../http/send.ts';
import type { Tenant } from '../store/tenant.ts';
import { issuerV2, type TSimDeps } from './deps.ts';

/** Entra's single sign-out: a GET to the app's registered LogoutUrl, with `sid` and `iss` [OIDC]. */
export function frontChannelLogout(
  deps: TSimDeps,
  tenant: Tenant,
  clientId: string,
  sid: string,
): Promise<TSentRequest> {
  const app = tenant.apps.get(clientId);
  if (!app?.logoutUrl)
    return Promise.resolve({ method: 'GET', url: '', status: 0, body: { error: 'no LogoutUrl registered' } });
  const url = new URL(app.logoutUrl);
  url.searchParams.set('sid', sid);
  url.searchParams.set('iss', issuerV2(deps, tenant.id));
  return send('GET', url.toString(), { headers: {} });
}

/** Which session a logout names: `logout_hint` (the `login_hint` claim) or `sid`. */
function sessionsFor(tenant: Tenant, params: URLSearchParams): string[] {
  const sid = params.get('sid');
  if (sid) return tenant.sessions.has(sid) ? [sid] : [];
  const hint = params.get('logout_hint');
  if (!hint) return [];
  let oid: string | undefined;
  try {
    oid = (JSON.parse(Buffer.from(hint, 'base64url').toString('utf8')) as { oid?: string }).oid;
  } catch {
    return [];
  }
  return [...tenant.sessions.values()].filter((s) => s.userId === oid).map((s) => s.sid);
}

/**
 * `end_session_endpoint`: ends the named sessions, sends the front-channel GET to every app that
 * took part in them, and redirects to `post_logout_redirect_uri` when the app registered it.
 */
export async function endSession(deps: TSimDeps, tenant: Tenant, params: URLSearchParams) {
  const sent: TSentRequest[] = [];
  for (const sid of sessionsFor(tenant, params)) {
    const session = tenant.sessions.get(sid)!;
    tenant.sessions.delete(sid);
    for (const clientId of session.clientIds) sent.push(await frontChannelLogout(deps, tenant, clientId, sid));
  }
  const back = params.get('post_logout_redirect_uri');
  const allowed = back && [...tenant.apps.values()].some((a) => a.redirectUris.includes(back) || a.logoutUrl === back);
  return { sent, redirect: allowed ? back : undefined };
}
