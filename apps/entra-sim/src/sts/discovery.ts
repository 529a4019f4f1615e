import type { TReply } from '../http/respond.ts';
import { aadstsReply } from './errors.ts';
import type { TSimDeps } from './deps.ts';

const MULTI = new Set(['common', 'organizations']);

/**
 * v2.0 metadata. For `common` and `organizations` the issuer holds the literal `{tenantid}`
 * placeholder, as Entra's does: a strict OIDC library rejects every token against it [ISS].
 */
export function openidConfiguration(deps: TSimDeps, tenant: string): TReply {
  let tid: string;
  if (MULTI.has(tenant.toLowerCase())) tid = '{tenantid}';
  else {
    const t = deps.registry.find(tenant);
    if (!t) return aadstsReply('tenantNotFound', tenant);
    tid = t.id;
  }
  const b = deps.baseUrl;
  const path = MULTI.has(tenant.toLowerCase()) ? tenant.toLowerCase() : tid;
  return {
    status: 200,
    headers: { 'cache-control': 'max-age=86400, private', 'access-control-allow-origin': '*' },
    body: {
      token_endpoint: `${b}/${path}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${b}/${path}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${b}/${tid}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${b}/oidc/userinfo`,
      authorization_endpoint: `${b}/${path}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${b}/${path}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${b}/${path}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
        'oid',
        'sid',
        'login_hint',
        'xms_edov',
      ],
      kerberos_endpoint: `${b}/${path}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(b).host,
      rbac_url: 'https://pas.windows.net',
    },
  };
}

/** The JWKS is the same for every tenant name, including `common`. */
export function jwks(deps: TSimDeps, tenant: string): TReply {
  if (!MULTI.has(tenant.toLowerCase()) && !deps.registry.find(tenant)) return aadstsReply('tenantNotFound', tenant);
  return { status: 200, headers: { 'cache-control': 'max-age=86400, private' }, body: deps.keys.jwks() };
}
