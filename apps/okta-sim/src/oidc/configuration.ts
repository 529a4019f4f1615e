import type { Configuration } from 'oidc-provider';
import type { Org } from '../orgs/org.ts';
import { errorPage } from '../pages/error.ts';
import { loggedOutPage, logoutPage } from '../pages/logout.ts';
import { CLAIMS, accountFinder } from './account.ts';
import type { OidcStore } from './adapter.ts';
import type { KeyRing } from './keys.ts';

/** Okta's org authorization server paths, below the org URL (which is also the issuer). */
export const OKTA_ROUTES = {
  authorization: '/oauth2/v1/authorize',
  token: '/oauth2/v1/token',
  userinfo: '/oauth2/v1/userinfo',
  jwks: '/oauth2/v1/keys',
  end_session: '/oauth2/v1/logout',
  introspection: '/oauth2/v1/introspect',
  revocation: '/oauth2/v1/revoke',
  registration: '/oauth2/v1/clients',
  pushed_authorization_request: '/oauth2/v1/par',
  device_authorization: '/oauth2/v1/device/authorize',
} as const;

export const interactionPath = (orgPath: string, uid: string) => `${orgPath}/interaction/${uid}`;

/**
 * The oidc-provider configuration of one org. Choices that make it behave like Okta rather than
 * like oidc-provider's defaults are commented; see docs in node_modules/oidc-provider for the rest.
 */
export function providerConfiguration(org: Org, store: OidcStore, keys: KeyRing, cookieKeys: string[]): Configuration {
  const orgPath = new URL(org.url).pathname;
  return {
    adapter: store.factory(),
    jwks: keys.privateJwks(),
    routes: OKTA_ROUTES,
    findAccount: accountFinder(org),
    claims: CLAIMS,
    scopes: ['openid', 'profile', 'email'],
    // Okta puts the scope's claims (email, name, ...) in the ID token even when an access token is
    // issued too; oidc-provider's default would move them to /userinfo only.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    // Okta requires PKCE for the flows we simulate; oidc-provider only knows S256 (plain is unsafe).
    pkce: { required: () => true },
    // Okta rejects an authorize request without redirect_uri even with a single registered one.
    allowOmittingSingleRegisteredRedirectUri: false,
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    cookies: {
      keys: cookieKeys,
      // Orgs share one host (and cookies ignore ports): scope the session cookie to the org path and
      // give names that cannot collide with the product's cookies on 127.0.0.1.
      names: { session: 'okta_sim_session', interaction: 'okta_sim_interaction', resume: 'okta_sim_resume' },
      long: { path: orgPath, httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    interactions: { url: (_ctx, interaction) => interactionPath(orgPath, interaction.uid) },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(org.name, form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(org.name);
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 7200, Grant: 7200 },
  };
}
