import { DomainError } from '@butterfly/domain/core';
import { ZCodeChallenge, grantOAuthConsent, hasOAuthConsent, issueAuthorizationCode } from '@butterfly/domain/oauth';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { type AppLoadContext, data, redirect, redirectDocument } from '@remix-run/node';
import type { OAuthClient } from '../../server/oauth/clients.ts';
import { returnToLogin } from '../auth/return-to.server.ts';
import { getSessionPrincipal, memberDeps } from '../auth/session.server.ts';

/** Why an authorization request is refused without redirecting (the redirect URI is not trusted). */
export type AuthorizeProblem = 'unknown_client' | 'bad_redirect_uri' | 'duplicate_parameter' | 'bad_decision';

/** What the consent page shows: who asks, for which organisation and account, to do what. */
export interface ConsentPrompt {
  clientName: string;
  tenantName: string;
  email: string;
  role: string;
  abilities: readonly string[];
}

const headers = { 'Cache-Control': 'no-store' };
const refused = (problem: AuthorizeProblem) => data({ problem }, { status: 400, headers });

/**
 * The checks every step of an authorization request repeats (RFC 6749 4.1, RFC 7636, RFC 9207 `iss`):
 * a known client and one of its exact redirect URIs (else refused here, never by redirecting there),
 * then `response_type=code` and PKCE S256 (else sent back to the client as an error).
 */
function readRequest(request: Request, context: AppLoadContext) {
  const url = new URL(request.url);
  const q = url.searchParams;
  const names = [...q.keys()];
  if (names.length !== new Set(names).size)
    return { kind: 'problem' as const, problem: refused('duplicate_parameter') };
  const client = context.services.oauthClients.get(q.get('client_id') ?? '');
  if (!client) return { kind: 'problem' as const, problem: refused('unknown_client') };
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri))
    return { kind: 'problem' as const, problem: refused('bad_redirect_uri') };
  /** The client's redirect URI with these parameters, `state` and `iss`. */
  const back = (params: Record<string, string>) => {
    const to = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
    const state = q.get('state');
    if (state) to.searchParams.set('state', state.slice(0, 500));
    to.searchParams.set('iss', context.services.appUrl);
    return to.href;
  };
  if (q.get('response_type') !== 'code')
    return {
      kind: 'error' as const,
      error: back({ error: 'unsupported_response_type', error_description: 'only response_type=code' }),
    };
  const challenge = ZCodeChallenge.safeParse(q.get('code_challenge'));
  if (q.get('code_challenge_method') !== 'S256' || !challenge.success) {
    return {
      kind: 'error' as const,
      error: back({
        error: 'invalid_request',
        error_description: 'PKCE is required: code_challenge with code_challenge_method=S256',
      }),
    };
  }
  return { kind: 'ok' as const, ok: { url, client, redirectUri, challenge: challenge.data, back } };
}

type Checked = Extract<ReturnType<typeof readRequest>, { kind: 'ok' }>['ok'];

/** Issues the code and returns where the browser goes with it (or with access_denied). */
async function codeFor(
  context: AppLoadContext,
  principal: NonNullable<Awaited<ReturnType<typeof getSessionPrincipal>>>,
  r: Checked,
): Promise<string> {
  try {
    const { code } = await issueAuthorizationCode(memberDeps(context, principal), {
      clientId: r.client.id,
      redirectUri: r.redirectUri,
      codeChallenge: r.challenge,
    });
    return r.back({ code });
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'MEMBER_INACTIVE' || e.code === 'FORBIDDEN'))
      return r.back({ error: 'access_denied', error_description: e.message });
    throw e;
  }
}

const consentOf = (client: OAuthClient) => ({ clientId: client.id, scopes: [...client.scopes] });

/**
 * GET /oauth/authorize for Butterfly's own public clients. Without a session the browser goes to
 * sign-in and returns here. A member who has not allowed this client yet gets the consent page
 * (client, organisation, account, abilities) and no code: a page that opens this URL in a signed-in
 * browser learns nothing until the member presses Allow. Once allowed, the client goes straight
 * through until the member disconnects it or loses their credentials.
 */
export async function authorize(request: Request, context: AppLoadContext) {
  const r = readRequest(request, context);
  if (r.kind === 'problem') return r.problem;
  if (r.kind === 'error') return redirect(r.error, { headers });
  const { ok } = r;
  const principal = await getSessionPrincipal(request, context);
  if (!principal) return returnToLogin(context, `${ok.url.pathname}${ok.url.search}`);
  if (await hasOAuthConsent(memberDeps(context, principal), consentOf(ok.client)))
    return redirect(await codeFor(context, principal, ok), { headers });
  const tenant = await getTenantBySlug(context, principal.tenantSlug);
  const consent: ConsentPrompt = {
    clientName: ok.client.name,
    tenantName: tenant.name,
    email: principal.email,
    role: principal.role,
    abilities: ok.client.abilities,
  };
  return data({ consent }, { headers });
}

/**
 * POST /oauth/authorize: the consent page's Allow or Deny. The CSRF guard (server/csrf.ts) has
 * refused it unless it came from this site's own page; the request is checked again as on GET.
 * `redirectDocument`: the hop to the client (chromiumapp.org) is a script navigation, not the end of
 * a form submission's redirect chain, which CSP `form-action 'self'` would block.
 */
export async function decideAuthorization(request: Request, context: AppLoadContext) {
  const r = readRequest(request, context);
  if (r.kind === 'problem') return r.problem;
  if (r.kind === 'error') return redirectDocument(r.error, { headers });
  const { ok } = r;
  const principal = await getSessionPrincipal(request, context);
  if (!principal) return returnToLogin(context, `${ok.url.pathname}${ok.url.search}`);
  const decision = (await request.formData()).get('decision');
  if (decision === 'deny')
    return redirectDocument(ok.back({ error: 'access_denied', error_description: 'the member denied the request' }), {
      headers,
    });
  if (decision !== 'allow') return refused('bad_decision');
  await grantOAuthConsent(memberDeps(context, principal), consentOf(ok.client));
  return redirectDocument(await codeFor(context, principal, ok), { headers });
}
