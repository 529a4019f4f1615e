import { createHash } from 'node:crypto';
import type { TReply } from '../http/respond.ts';
import { authenticateClient } from './client-auth.ts';
import { GRAPH_APP_ID, GRAPH_AUDIENCE, type TSimDeps } from './deps.ts';
import { aadstsReply } from './errors.ts';
import { appAccessToken, idToken, TOKEN_SECONDS, userAccessToken } from './tokens.ts';

const MULTI = new Set(['common', 'organizations']);
const GRAPH_DEFAULT = new Set([`${GRAPH_AUDIENCE}/.default`, `${GRAPH_APP_ID}/.default`]);
/** Scopes that are about the sign-in itself, not Graph permissions. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** `POST /{tenant}/oauth2/v2.0/token`: client_credentials and authorization_code (with PKCE). */
export async function tokenEndpoint(
  deps: TSimDeps,
  tenantName: string,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<TReply> {
  const grant = form.get('grant_type');
  if (!grant) return aadstsReply('missingParameter', "'grant_type'");
  if (grant === 'client_credentials') return clientCredentials(deps, tenantName, form, authorization);
  if (grant === 'authorization_code') return authorizationCode(deps, tenantName, form, authorization);
  return aadstsReply('unsupportedGrant', grant);
}

async function clientCredentials(
  deps: TSimDeps,
  tenantName: string,
  form: URLSearchParams,
  authorization?: string,
): Promise<TReply> {
  if (MULTI.has(tenantName.toLowerCase()))
    return aadstsReply('tenantNotFound', 'client credentials need a tenant id or domain, not common');
  const tenant = deps.registry.find(tenantName);
  if (!tenant) return aadstsReply('tenantNotFound', tenantName);
  const scope = form.get('scope');
  if (!scope) return aadstsReply('missingParameter', "'scope'");
  // The simulator's own URL plays graph.microsoft.com, so `<url>/.default` names Graph too: a client
  // pointed at the simulator derives its scope from the Graph URL it was given, as it must for
  // national clouds (graph.microsoft.us). The token is still Graph's (aud https://graph.microsoft.com).
  if (!GRAPH_DEFAULT.has(scope.trim()) && scope.trim() !== `${deps.baseUrl}/.default`)
    return aadstsReply('invalidScope', scope);
  const auth = await authenticateClient(deps, tenant, tenantName, form, authorization);
  if (!auth.ok) return aadstsReply(auth.error, auth.detail);
  const token = await appAccessToken(deps, tenant, auth.app, auth.method);
  return {
    status: 200,
    headers: noStore,
    body: { token_type: 'Bearer', expires_in: TOKEN_SECONDS, ext_expires_in: TOKEN_SECONDS, access_token: token },
  };
}

async function authorizationCode(
  deps: TSimDeps,
  tenantName: string,
  form: URLSearchParams,
  authorization?: string,
): Promise<TReply> {
  const code = form.get('code');
  if (!code) return aadstsReply('missingParameter', "'code'");
  const grant = deps.codes.get(code);
  deps.codes.delete(code);
  if (!grant || grant.expiresAt < deps.clock()) return aadstsReply('badCode');
  const tenant = deps.registry.find(grant.tenantId)!;
  if (!MULTI.has(tenantName.toLowerCase()) && deps.registry.find(tenantName) !== tenant)
    return aadstsReply('wrongTenantCode');
  if (form.get('client_id') && form.get('client_id') !== grant.clientId)
    return aadstsReply('badCode', 'issued to another client');
  const auth = await authenticateClient(
    deps,
    tenant,
    tenantName,
    new URLSearchParams({ ...Object.fromEntries(form), client_id: grant.clientId }),
    authorization,
  );
  if (!auth.ok) return aadstsReply(auth.error, auth.detail);
  if (form.get('redirect_uri') !== grant.redirectUri)
    return aadstsReply('redirectMismatch', form.get('redirect_uri') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return aadstsReply('pkceMismatch');
  const user = tenant.collection('users').get(grant.userId)!;
  const graphScopes = grant.scope.split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
  const scopes = graphScopes.map((s) => s.replace(`${GRAPH_AUDIENCE}/`, '')).filter((s) => s !== '.default');
  return {
    status: 200,
    headers: noStore,
    body: {
      token_type: 'Bearer',
      scope: grant.scope,
      expires_in: TOKEN_SECONDS,
      ext_expires_in: TOKEN_SECONDS,
      access_token: await userAccessToken(deps, tenant, auth.app, user, scopes.length ? scopes : ['User.Read']),
      id_token: await idToken(deps, tenant, grant.clientId, user, { nonce: grant.nonce, sid: grant.sid }),
    },
  };
}
