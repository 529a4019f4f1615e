import { DomainError, ZCodeChallenge, issueAuthorizationCode } from '@butterfly/domain';
import { type AppLoadContext, data, redirect } from '@remix-run/node';
import { returnToLogin } from '../auth/return-to.server.ts';
import { getSessionPrincipal, memberDeps } from '../auth/session.server.ts';

/** Why an authorization request is refused without redirecting (the redirect URI is not trusted). */
export type AuthorizeProblem = 'unknown_client' | 'bad_redirect_uri' | 'duplicate_parameter';

const headers = { 'Cache-Control': 'no-store' };

/**
 * GET /oauth/authorize for first-party public clients (authorization code + PKCE S256, RFC 6749 4.1,
 * RFC 7636, RFC 9207 `iss`). An unknown client or unregistered redirect URI is answered here, never
 * by redirecting to it. Other errors go back to the client. Without a session the browser goes to
 * sign-in and returns here afterwards. No consent screen: only Butterfly's own clients exist.
 */
export async function authorize(request: Request, context: AppLoadContext): Promise<Response | ReturnType<typeof data<{ problem: AuthorizeProblem }>>> {
  const url = new URL(request.url);
  const q = url.searchParams;
  const names = [...q.keys()];
  if (names.length !== new Set(names).size) return data({ problem: 'duplicate_parameter' as const }, { status: 400, headers });
  const client = context.services.oauthClients.get(q.get('client_id') ?? '');
  if (!client) return data({ problem: 'unknown_client' as const }, { status: 400, headers });
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) return data({ problem: 'bad_redirect_uri' as const }, { status: 400, headers });

  const back = (params: Record<string, string>) => {
    const to = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
    const state = q.get('state');
    if (state) to.searchParams.set('state', state.slice(0, 500));
    to.searchParams.set('iss', context.services.appUrl);
    return redirect(to.href, { headers });
  };
  if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'only response_type=code' });
  const challenge = ZCodeChallenge.safeParse(q.get('code_challenge'));
  if (q.get('code_challenge_method') !== 'S256' || !challenge.success) {
    return back({ error: 'invalid_request', error_description: 'PKCE is required: code_challenge with code_challenge_method=S256' });
  }

  const principal = await getSessionPrincipal(request, context);
  if (!principal) return returnToLogin(context, `${url.pathname}${url.search}`);
  try {
    const { code } = await issueAuthorizationCode(memberDeps(context, principal), { clientId: client.id, redirectUri, codeChallenge: challenge.data });
    return back({ code });
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'MEMBER_INACTIVE' || e.code === 'FORBIDDEN')) return back({ error: 'access_denied', error_description: e.message });
    throw e;
  }
}
