import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { OutboundClient } from '@butterfly/outbound';
import type { Cookie } from '@remix-run/node';
import { CodeChallengeMethod, OAuth2Strategy } from 'remix-auth-oauth2';
import type { Strategy } from 'remix-auth/strategy';
import { z } from 'zod';
import type { OidcMetadata } from '../../server/oidc/discovery.ts';
import { requestTokens, tokenRequest } from './token-request.server.ts';

/** No offline_access: Okta's OIN forbids it, and Butterfly's own session is what lasts. */
export const SSO_SCOPES = ['openid', 'profile', 'email'];

const ZSignInFlow = z.object({
  tenant: z.string(),
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
});
/** One sign-in in progress, kept in the signed, HttpOnly, 10-minute flow cookie. */
export type TSignInFlow = z.output<typeof ZSignInFlow>;

export type SignInFailure =
  | 'flow_missing'
  | 'flow_mismatch'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'idp_error'
  | 'code_missing'
  | 'token_exchange';

/** A sign-in that cannot go on; `reason` picks what the callback page says. */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    readonly reason: SignInFailure,
    message: string,
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
  }
}

export interface TTenantOidcOptions {
  tenant: string;
  clientId: string;
  clientSecret: string;
  redirectURI: string;
  metadata: OidcMetadata;
  flowCookie: Cookie;
  /** Token and revocation requests go through it, redirects refused (never arctic's global fetch). */
  outbound: Pick<OutboundClient, 'request'>;
  /** Other spellings of the same issuer an `iss` response parameter may use (Google's host form). */
  issuerAliases?: readonly string[];
}

export async function readSignInFlow(cookie: Cookie, request: Request): Promise<TSignInFlow | null> {
  const parsed = ZSignInFlow.safeParse(await cookie.parse(request.headers.get('Cookie')));
  return parsed.success ? parsed.data : null;
}

const sameString = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * remix-auth-oauth2's strategy for one tenant's IdP, built from its discovery document. The library
 * builds the authorization URL (PKCE S256 via arctic) and exchanges the code; this subclass keeps
 * what the library leaves out: a `nonce`, `login_hint`, and a *signed* flow cookie (the library's is
 * unsigned and has no nonce) bound to the tenant, so a flow started for tenant A cannot complete at
 * tenant B's callback. Validating the ID token is the `verify` function's job (id-token.server.ts).
 */
export class TenantOidcStrategy<User> extends OAuth2Strategy<User> {
  override name = 'tenant-oidc';

  constructor(
    private readonly tenantOptions: TTenantOidcOptions,
    verify: Strategy.VerifyFunction<User, OAuth2Strategy.VerifyOptions>,
  ) {
    super(
      {
        clientId: tenantOptions.clientId,
        clientSecret: tenantOptions.clientSecret,
        authorizationEndpoint: tenantOptions.metadata.authorization_endpoint,
        tokenEndpoint: tenantOptions.metadata.token_endpoint,
        redirectURI: tenantOptions.redirectURI,
        scopes: SSO_SCOPES,
        // Always S256, whatever discovery lists (the library would fall back to `plain`).
        codeChallengeMethod: CodeChallengeMethod.S256,
      },
      verify,
    );
  }

  /** Without `state` in the URL: start (redirect to the IdP). With it: the IdP's callback. */
  override async authenticate(request: Request): Promise<User> {
    const url = new URL(request.url);
    return url.searchParams.has('state') ? this.callback(request, url) : this.redirectToIdp(request);
  }

  protected override authorizationParams(params: URLSearchParams, request: Request): URLSearchParams {
    const out = new URLSearchParams(params);
    const hint = new URL(request.url).searchParams.get('login_hint')?.trim();
    if (hint && hint.length <= 320 && !/[\s<>]/.test(hint)) out.set('login_hint', hint);
    return out;
  }

  // The three calls the library would send with arctic's global fetch, sent through the outbound
  // client instead (token-request.server.ts says why).
  protected override validateAuthorizationCode(code: string, codeVerifier: string) {
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: String(this.options.redirectURI),
      code_verifier: codeVerifier,
    };
    return requestTokens(this.tenantOptions, this.options.tokenEndpoint.toString(), form).then((tokens) => {
      if (typeof (tokens.data as { id_token?: unknown }).id_token !== 'string')
        throw new Error('the answer carries no id_token');
      return tokens;
    });
  }

  override refreshToken(refreshToken: string) {
    return requestTokens(this.tenantOptions, this.options.tokenEndpoint.toString(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: SSO_SCOPES.join(' '),
    });
  }

  override async revokeToken(token: string): Promise<void> {
    const endpoint = this.options.tokenRevocationEndpoint;
    if (!endpoint) throw new Error('the IdP lists no revocation endpoint');
    const { status } = await tokenRequest(this.tenantOptions, endpoint.toString(), { token });
    if (status !== 200) throw new Error(`the revocation endpoint answered HTTP ${status}`);
  }

  private async redirectToIdp(request: Request): Promise<never> {
    const { state, codeVerifier, url } = this.createAuthorizationURL();
    const nonce = randomBytes(24).toString('base64url');
    url.search = this.authorizationParams(url.searchParams, request).toString();
    url.searchParams.set('nonce', nonce);
    const flow: TSignInFlow = { tenant: this.tenantOptions.tenant, state, nonce, verifier: codeVerifier };
    throw new Response(null, {
      status: 302,
      headers: {
        Location: url.toString(),
        'Set-Cookie': await this.tenantOptions.flowCookie.serialize(flow),
        'Cache-Control': 'no-store',
      },
    });
  }

  private async callback(request: Request, url: URL): Promise<User> {
    const flow = await readSignInFlow(this.tenantOptions.flowCookie, request);
    if (!flow) throw new SignInError('flow_missing', 'no sign-in in progress in this browser (or it expired)');
    if (flow.tenant !== this.tenantOptions.tenant)
      throw new SignInError('flow_mismatch', `the sign-in was started for ${flow.tenant}`);
    if (!sameString(url.searchParams.get('state') ?? '', flow.state))
      throw new SignInError('state_mismatch', 'the state does not match this sign-in');
    // RFC 9207: an IdP that names itself in the response must be the one we sent the person to
    // (defeats mix-up between the IdPs of different tenants); one that promises to must do so.
    const iss = url.searchParams.get('iss');
    const { metadata } = this.tenantOptions;
    const named = iss !== null && (iss === metadata.issuer || !!this.tenantOptions.issuerAliases?.includes(iss));
    if (iss !== null ? !named : metadata.authorization_response_iss_parameter_supported) {
      throw new SignInError(
        'issuer_mismatch',
        `the response comes from ${iss ?? 'an unnamed issuer'}, not ${metadata.issuer}`,
      );
    }
    const error = url.searchParams.get('error');
    if (error)
      throw new SignInError(
        'idp_error',
        `${error}: ${url.searchParams.get('error_description') ?? 'no description'}`.slice(0, 300),
      );
    const code = url.searchParams.get('code');
    if (!code) throw new SignInError('code_missing', 'the callback carries no code');
    let tokens: OAuth2Strategy.VerifyOptions['tokens'];
    try {
      tokens = await this.validateAuthorizationCode(code, flow.verifier);
    } catch (cause) {
      throw new SignInError('token_exchange', `the token endpoint refused the code: ${(cause as Error).message}`, {
        cause,
      });
    }
    return this.verify({ request, tokens });
  }
}
