import { revokeRefreshFamily, revokeRefreshToken } from '@butterfly/domain/oauth';
import type { AppLoadContext } from '@remix-run/node';
import { systemDeps } from '../auth/session.server.ts';
import { NO_STORE, oauthError, readOAuthForm } from './responses.server.ts';

/**
 * POST /oauth/revoke (RFC 7009). A refresh token ends its whole family; an access token of ours ends
 * the family it was minted from (so it, and every sibling, fails on the next request: the API checks
 * the family). Unknown, foreign or already revoked tokens get the same 200, so the endpoint cannot
 * be used to test whether a token exists.
 */
export async function revokeEndpoint(request: Request, context: AppLoadContext): Promise<Response> {
  const form = await readOAuthForm(request);
  if (!form?.get('token'))
    return oauthError('invalid_request', 'token is required, as application/x-www-form-urlencoded');
  const client = context.services.oauthClients.get(form.get('client_id') ?? '');
  if (!client) return oauthError('invalid_client', 'unknown client_id');
  const token = form.get('token')!;
  const deps = systemDeps(context, `oauth:${client.id}`);
  const { accessTokens } = context.services;
  if (accessTokens.looksLikeJwt(token)) {
    const claims = await accessTokens.verify(token);
    if (claims && claims.clientId === client.id) await revokeRefreshFamily(deps, { ...claims, clientId: client.id });
  } else {
    await revokeRefreshToken(deps, { token, clientId: client.id });
  }
  return new Response(null, { status: 200, headers: NO_STORE });
}
