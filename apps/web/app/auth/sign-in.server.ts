import { isDomainError } from '@butterfly/domain/core';
import { googleIssuers, loadSsoClient, refuseEntraSignIn, signInWithIdp } from '@butterfly/domain/sso';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { type AppLoadContext, data, redirect } from '@remix-run/node';
import type { OidcMetadata } from '../../server/oidc/discovery.ts';
import { authCookies, expireCookie } from './cookies.server.ts';
import { IdTokenError, validateIdToken } from './id-token.server.ts';
import { SignInError, TenantOidcStrategy, readSignInFlow } from './oidc-strategy.server.ts';
import { SIGN_IN_PROBLEMS, type SignInProblem } from './sign-in-problems.ts';
import { takeReturnTo } from './return-to.server.ts';
import { TokenEndpointError } from './token-request.server.ts';
import { signedInHeaders, systemDeps } from './session.server.ts';

/** Thrown by the sign-in steps; the callback page shows `problem`, the log gets `detail`. */
export class SignInProblemError extends Error {
  constructor(
    readonly problem: SignInProblem,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const redirectUriFor = (context: AppLoadContext, slug: string) =>
  `${context.services.appUrl}/sso/${slug}/callback`;

/** The tenant's OIDC client and its IdP's discovery document, or one of the generic problems. */
async function tenantClient(context: AppLoadContext, slug: string) {
  const tenant = await getTenantBySlug(context, slug).catch(() => null);
  const client = tenant && (await loadSsoClient(context, tenant.id));
  if (!tenant || !client)
    throw new SignInProblemError('not_configured', `no SSO client for tenant "${slug.slice(0, 50)}"`);
  let metadata: OidcMetadata;
  try {
    metadata = await context.services.discovery.get(client.issuer);
  } catch (e) {
    throw new SignInProblemError('idp_unreachable', (e as Error).message);
  }
  return { tenant, client, metadata };
}

type Client = Awaited<ReturnType<typeof tenantClient>>;

/** The strategy turns the callback into a validated identity (plus the raw ID token for sign-out). */
function strategyFor(context: AppLoadContext, { tenant, client, metadata }: Client) {
  const flowCookie = authCookies(context.services).flow;
  return new TenantOidcStrategy(
    {
      tenant: tenant.slug,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectURI: redirectUriFor(context, tenant.slug),
      metadata,
      flowCookie,
      outbound: context.services.outbound,
      ...(client.provider === 'google' ? { issuerAliases: googleIssuers(metadata.issuer) } : {}),
    },
    async ({ request, tokens }) => {
      const flow = await readSignInFlow(flowCookie, request);
      if (!flow) throw new SignInError('flow_missing', 'the flow cookie vanished');
      const idToken = tokens.idToken();
      // Entra: the issuer is the one derived from the directory (discovery had to name exactly it).
      const entra = client.provider === 'entra' && client.directoryId ? { directoryId: client.directoryId } : undefined;
      // Google: its URL and the host form older tokens carry (decision 063).
      const google = client.provider === 'google';
      const identity = await validateIdToken(idToken, {
        issuer: entra ? client.issuer : google ? googleIssuers(metadata.issuer) : metadata.issuer,
        clientId: client.clientId,
        nonce: flow.nonce,
        keys: context.services.keySets.forUri(metadata.jwks_uri),
        entra,
        google,
      });
      return { identity, idToken };
    },
  );
}

/**
 * Whether a request to start a sign-in comes from Butterfly's own pages (the login form's hand-off)
 * or from the person (an address typed or bookmarked). A page on another site must not be able to
 * start one: the flow would end at the callback with a session of the other site's choosing, ending
 * the one the browser had (login CSRF). `Sec-Fetch-Site` says where a navigation came from; a browser
 * that does not send it must show a Referer from this site.
 */
export function isOwnStart(request: Request, appUrl: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const referer = request.headers.get('referer');
  if (!referer || !URL.canParse(referer)) return false;
  return new URL(referer).origin === new URL(appUrl).origin;
}

/**
 * `/sso/<tenant>/start`: redirect to the tenant's IdP (with login_hint), setting the flow cookie and
 * nothing else: the browser's session is only replaced when a callback for this flow succeeds.
 */
export async function startSignIn(request: Request, context: AppLoadContext, slug: string): Promise<never> {
  if (!isOwnStart(request, context.services.appUrl))
    throw new SignInProblemError('cross_site', `start of "${slug.slice(0, 50)}" from another site refused`);
  const strategy = strategyFor(context, await tenantClient(context, slug));
  await strategy.authenticate(request);
  throw new Error('unreachable: the strategy redirects');
}

/**
 * `/sso/<tenant>/callback`: state and flow checks, code exchange (PKCE), ID-token validation, then
 * the domain's sign-in (email on the tenant's verified domains, JIT at read_only, deactivated
 * refused). Success redirects home (or to the remembered return path) with a new session; every
 * failure becomes a SignInProblemError.
 */
export async function completeSignIn(request: Request, context: AppLoadContext, slug: string): Promise<Response> {
  const found = await tenantClient(context, slug);
  let result: { identity: Awaited<ReturnType<typeof validateIdToken>>; idToken: string };
  try {
    result = await strategyFor(context, found).authenticate(request);
  } catch (e) {
    if (e instanceof SignInError && isEntraWrongTenantCode(found.client, e)) {
      // The browser was sent to another directory's sign-in (the authorize URL's directory swapped):
      // Entra refuses to redeem that directory's code here. Refused and audited like a token of
      // another directory, since that is what the person brought back.
      await refuseWrongDirectory(context, found, {}, 'token_endpoint');
    }
    if (e instanceof SignInError) {
      if (e.reason === 'token_exchange') context.services.discovery.invalidate(found.client.issuer);
      const problem =
        e.reason === 'idp_error'
          ? 'idp_refused'
          : e.reason === 'token_exchange' || e.reason === 'issuer_mismatch'
            ? 'not_verified'
            : 'expired';
      throw new SignInProblemError(problem, e.message);
    }
    if (e instanceof IdTokenError && e.wrongDirectory) {
      // Signed by Entra, for another directory: audited as a refused sign-in, not a broken IdP.
      await refuseWrongDirectory(context, found, e.wrongDirectory, 'id_token');
    }
    if (e instanceof IdTokenError) {
      // Perhaps the IdP moved its keys or endpoints: read discovery again next time.
      context.services.discovery.invalidate(found.client.issuer);
      throw new SignInProblemError('not_verified', e.message);
    }
    throw e;
  }
  try {
    const signedIn = await signInWithIdp(
      systemDeps(context, `sso:${found.tenant.slug}`),
      found.tenant.id,
      result.identity,
      context.client,
    );
    const headers = await signedInHeaders(request, context, signedIn.session.raw, result.idToken);
    // Back to where sign-in interrupted (an OAuth authorization request), else home.
    const back = await takeReturnTo(request, context);
    headers.append('Set-Cookie', back.clear);
    return redirect(back.to, { headers });
  } catch (e) {
    if (isDomainError(e) && e.code === 'SSO_WRONG_DIRECTORY')
      throw new SignInProblemError('wrong_directory', e.message);
    if (isDomainError(e) && e.code === 'SSO_HD_MISSING') throw new SignInProblemError('personal_account', e.message);
    if (isDomainError(e) && e.code === 'SSO_WRONG_DOMAIN') throw new SignInProblemError('wrong_domain', e.message);
    if (isDomainError(e) && e.code === 'FORBIDDEN') throw new SignInProblemError('wrong_account', e.message);
    if (isDomainError(e) && e.code === 'MEMBER_INACTIVE') throw new SignInProblemError('deactivated', e.message);
    throw e;
  }
}

/**
 * AADSTS700005: "Provided Authorization Code is intended to use against other tenant". The code came
 * from another directory's authorize endpoint; the tenant's own token endpoint will not redeem it.
 */
const ENTRA_CODE_OF_OTHER_TENANT = 700005;

function isEntraWrongTenantCode(client: Client['client'], e: SignInError): boolean {
  return (
    client.provider === 'entra' &&
    e.reason === 'token_exchange' &&
    e.cause instanceof TokenEndpointError &&
    e.cause.errorCodes.includes(ENTRA_CODE_OF_OTHER_TENANT)
  );
}

/** Audits the refusal (sso.sign_in_refused, entra_wrong_directory) and throws the wrong_directory page. */
async function refuseWrongDirectory(
  context: AppLoadContext,
  found: Client,
  token: { tid?: unknown; iss?: unknown },
  seenAt: 'id_token' | 'token_endpoint',
): Promise<never> {
  const refusal = await refuseEntraSignIn(
    systemDeps(context, `sso:${found.tenant.slug}`),
    found.tenant.id,
    token,
    seenAt,
  ).catch((r: unknown) => r);
  if (!(isDomainError(refusal) && refusal.code === 'SSO_WRONG_DIRECTORY')) throw refusal;
  throw new SignInProblemError('wrong_directory', `${refusal.message} (seen at the ${seenAt.replace('_', ' ')})`);
}

/** The page (status, no-store, flow cookie cleared) for a sign-in that failed. */
export async function signInProblemResponse(context: AppLoadContext, e: SignInProblemError) {
  context.log.warn({ problem: e.problem, detail: e.detail }, 'sign-in refused');
  const headers = new Headers({
    'Cache-Control': 'no-store',
    'Set-Cookie': await expireCookie(authCookies(context.services).flow),
  });
  return data({ problem: e.problem }, { status: SIGN_IN_PROBLEMS[e.problem].status, headers });
}
