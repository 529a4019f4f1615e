import { isDomainError } from '@butterfly/domain/core';
import { redeemAuthorizationCode, rotateRefreshToken } from '@butterfly/domain/oauth';
import type { AppLoadContext } from '@remix-run/node';
import { systemDeps } from '../auth/session.server.ts';
import { oauthError, oauthJson, readOAuthForm } from './responses.server.ts';

/**
 * POST /oauth/token: the authorization_code and refresh_token grants for first-party public clients.
 * The domain does the checking (single use, binding to client, redirect URI and PKCE verifier,
 * rotation with reuse detection); this turns its grant into a five-minute access token. Every
 * failure of a grant is the same `invalid_grant`: a caller learns nothing about why.
 */
export async function tokenEndpoint(request: Request, context: AppLoadContext): Promise<Response> {
  const form = await readOAuthForm(request);
  if (!form) return oauthError('invalid_request', 'send one of each parameter as application/x-www-form-urlencoded');
  const client = context.services.oauthClients.get(form.get('client_id') ?? '');
  if (!client) return oauthError('invalid_client', 'unknown client_id');
  const deps = systemDeps(context, `oauth:${client.id}`);
  const grantType = form.get('grant_type');
  try {
    const result =
      grantType === 'authorization_code'
        ? await redeemAuthorizationCode(deps, {
            code: form.get('code') ?? '',
            clientId: client.id,
            redirectUri: form.get('redirect_uri') ?? '',
            codeVerifier: form.get('code_verifier') ?? '',
          })
        : grantType === 'refresh_token'
          ? await rotateRefreshToken(deps, { refreshToken: form.get('refresh_token') ?? '', clientId: client.id })
          : undefined;
    if (!result) return oauthError('unsupported_grant_type', 'authorization_code or refresh_token');
    const access = await context.services.accessTokens.mint(result.grant);
    return oauthJson(200, {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: result.refreshToken,
    });
  } catch (e) {
    if (isDomainError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'VALIDATION')) {
      context.log.warn({ clientId: client.id, grantType, reason: e.message }, 'token request refused');
      return e.code === 'VALIDATION'
        ? oauthError('invalid_request', e.message)
        : oauthError('invalid_grant', 'the grant is invalid, expired, revoked or was issued to another client');
    }
    throw e;
  }
}
