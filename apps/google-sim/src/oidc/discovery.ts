import type { TDeps } from '../deps.ts';
import { json, type TReply } from '../http/io.ts';

/**
 * Google's discovery document at the simulator's URL. Like Google's it has no
 * `end_session_endpoint` (sign-out is local only) and its issuer is the https form, though ID
 * tokens may carry the legacy form without the scheme (spec A).
 */
export function discovery(deps: TDeps): TReply {
  const u = deps.baseUrl;
  return json(
    {
      issuer: u,
      authorization_endpoint: `${u}/o/oauth2/v2/auth`,
      device_authorization_endpoint: `${u}/device/code`,
      token_endpoint: `${u}/token`,
      userinfo_endpoint: `${u}/v1/userinfo`,
      revocation_endpoint: `${u}/revoke`,
      jwks_uri: `${u}/oauth2/v3/certs`,
      response_types_supported: [
        'code',
        'token',
        'id_token',
        'code token',
        'code id_token',
        'token id_token',
        'code token id_token',
        'none',
      ],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: [
        'aud',
        'email',
        'email_verified',
        'exp',
        'family_name',
        'given_name',
        'hd',
        'iat',
        'iss',
        'name',
        'picture',
        'sub',
      ],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: [
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ],
    },
    200,
    { 'cache-control': 'public, max-age=3600' },
  );
}

/** `/oauth2/v3/certs`: the JWKS, with the `max-age` a client should cache it for (spec A). */
export function certs(deps: TDeps): TReply {
  const maxAge = deps.world.settings.certsMaxAgeSeconds;
  return json(deps.keys.jwks(), 200, {
    'cache-control': `public, max-age=${maxAge}, must-revalidate, no-transform`,
    expires: new Date(deps.clock() + maxAge * 1000).toUTCString(),
  });
}
