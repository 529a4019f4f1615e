import { endSessions } from '@butterfly/domain/sessions';
import { loadSsoClient } from '@butterfly/domain/sso';
import { type AppLoadContext, redirect } from '@remix-run/node';
import { decodeJwt } from 'jose';
import { authCookies, expireCookie } from './cookies.server.ts';
import { handOff } from './hand-off.server.ts';
import { getSessionPrincipal, memberDeps } from './session.server.ts';

export const SIGNED_OUT_PATH = '/signed-out';

/**
 * POST /logout: ends this session in Postgres and clears the cookies, then, for an SSO session whose
 * IdP lists an `end_session_endpoint`, continues to it (RP-initiated logout) with `id_token_hint`,
 * `client_id` and `post_logout_redirect_uri`, so the IdP session ends too (by `handOff`: a form's
 * redirect to the IdP is blocked by CSP form-action). Anything failing on the IdP side never keeps the
 * local sign-out from happening.
 */
export async function signOut(request: Request, context: AppLoadContext) {
  const principal = await getSessionPrincipal(request, context);
  const cookies = authCookies(context.services);
  const idTokenHint = await cookies.idTokenHint.parse(request.headers.get('Cookie'));
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', await expireCookie(cookies.session));
  headers.append('Set-Cookie', await expireCookie(cookies.idTokenHint));
  if (!principal) return redirect(SIGNED_OUT_PATH, { headers });
  await endSessions(memberDeps(context, principal), { only: principal.sessionId });
  const idp =
    principal.authMethod === 'sso'
      ? await idpLogoutUrl(context, principal.tenantId, typeof idTokenHint === 'string' ? idTokenHint : undefined)
      : undefined;
  return idp ? handOff(request, idp, { headers }) : redirect(SIGNED_OUT_PATH, { headers });
}

async function idpLogoutUrl(
  context: AppLoadContext,
  tenantId: string,
  idTokenHint?: string,
): Promise<string | undefined> {
  try {
    const client = await loadSsoClient(context, tenantId);
    if (!client) return undefined;
    const { end_session_endpoint } = await context.services.discovery.get(client.issuer);
    if (!end_session_endpoint) return undefined;
    const url = new URL(end_session_endpoint);
    if (idTokenHint) url.searchParams.set('id_token_hint', idTokenHint);
    // Entra: `logout_hint` (the ID token's `login_hint` claim) names the account to sign out, so
    // Entra skips its account picker (decision 056). Read from our own signed cookie.
    const hint = client.provider === 'entra' && idTokenHint ? loginHintOf(idTokenHint) : undefined;
    if (hint) url.searchParams.set('logout_hint', hint);
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('post_logout_redirect_uri', `${context.services.appUrl}${SIGNED_OUT_PATH}`);
    return url.href;
  } catch (err) {
    context.log.warn({ err }, 'IdP sign-out skipped: its configuration could not be read');
    return undefined;
  }
}

function loginHintOf(idToken: string): string | undefined {
  try {
    const hint = decodeJwt(idToken).login_hint;
    return typeof hint === 'string' && hint.length <= 2000 ? hint : undefined;
  } catch {
    return undefined;
  }
}
