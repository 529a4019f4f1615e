import type { IdpAccessReport } from '@butterfly/domain/idp';
import type { Authenticator } from './authenticator.ts';
import { ALL_SCOPES, typesLeftOut } from './catalog.fns.ts';
import { OKTA_CATALOG, type OktaScope, PROBE_GRANTED_ON_404, SCOPE_PROBES } from './catalog.ts';
import { OktaApiError, OktaAuthError, OktaMissingScopeError, OutboundRefusedError } from './errors.ts';
import type { OktaApi } from './http/api.ts';

type Probe = 'granted' | 'missing' | 'unavailable' | 'refused' | 'error';
type ProbeResult = { outcome: Probe; detail: string; code?: OutboundRefusedError['code'] };

/** A report of not connecting; it names the outbound policy's code when that is why. */
const cannotConnect = (detail: string, code?: OutboundRefusedError['code']): IdpAccessReport => ({
  ok: false,
  connected: false,
  missing: [],
  detail,
  ...(code ? { code } : {}),
});

/**
 * "Test connection": which of the scopes a backup reads does this credential hold, and what would a
 * backup leave out? OAuth first asks for a token with every scope (Okta refuses the whole request
 * when one is not granted, so then each scope alone); then one cheap read per scope, which also
 * catches a service app whose admin role does not cover what its scopes allow.
 */
export async function testAccess(api: OktaApi, auth: Authenticator, signal?: AbortSignal): Promise<IdpAccessReport> {
  const notGranted = new Set<OktaScope>();
  try {
    if (auth.kind === 'oauth') for (const s of await ungrantedScopes(auth, signal)) notGranted.add(s);
  } catch (e) {
    return cannotConnect((e as Error).message, e instanceof OutboundRefusedError ? e.code : undefined);
  }
  const probed = await Promise.all(
    // With every scope granted one token serves all probes; otherwise each granted scope has its own.
    ALL_SCOPES.filter((s) => !notGranted.has(s)).map(
      async (scope) => [scope, await probe(api, scope, notGranted.size ? [scope] : ALL_SCOPES, signal)] as const,
    ),
  );
  const results = new Map(probed);
  // Nothing got through (credential refused, address refused, Okta unreachable): cannot connect.
  const failed = probed.filter(([, r]) => r.outcome === 'refused' || r.outcome === 'error');
  if (probed.length && failed.length === probed.length) {
    const first = failed.find(([, r]) => r.code) ?? failed.find(([, r]) => r.outcome === 'refused') ?? failed[0]!;
    return cannotConnect(first[1].detail, first[1].code);
  }
  const missing = ALL_SCOPES.filter((s) => notGranted.has(s) || results.get(s)?.outcome === 'missing').map((scope) => ({
    scope,
    leavesOut: leftOut(scope),
  }));
  const unavailable = probed
    .filter(([, r]) => r.outcome === 'unavailable')
    .flatMap(([scope, r]) =>
      OKTA_CATALOG.filter((d) => d.scope === scope && !d.parent).map((d) => ({ type: d.type, reason: r.detail })),
    );
  const errors = probed.filter(([, r]) => r.outcome === 'error').map(([s, r]) => `${s}: ${r.detail}`);
  return {
    ok: missing.length === 0 && errors.length === 0,
    connected: true,
    granted: ALL_SCOPES.filter((s) => results.get(s)?.outcome === 'granted'),
    missing,
    ...(unavailable.length ? { unavailable } : {}),
    ...(errors.length ? { detail: `Some reads failed: ${errors.join('; ')}` } : {}),
  };
}

const leftOut = (scope: OktaScope) =>
  scope === 'okta.logs.read' ? ['change attribution (System Log)'] : typesLeftOut(scope);

async function ungrantedScopes(auth: Authenticator, signal?: AbortSignal): Promise<OktaScope[]> {
  try {
    await auth.authorization(ALL_SCOPES, signal);
    return [];
  } catch (e) {
    if (!(e instanceof OktaAuthError) || e.oauthError !== 'invalid_scope') throw e;
  }
  const out: OktaScope[] = [];
  for (const scope of ALL_SCOPES) {
    try {
      await auth.authorization([scope], signal);
    } catch (e) {
      if (!(e instanceof OktaAuthError) || e.oauthError !== 'invalid_scope') throw e;
      out.push(scope);
    }
  }
  if (out.length === ALL_SCOPES.length)
    throw new OktaAuthError('The service app holds none of the okta.*.read scopes a backup needs');
  return out;
}

async function probe(
  api: OktaApi,
  scope: OktaScope,
  tokenScopes: readonly OktaScope[],
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const url = SCOPE_PROBES[scope]!;
  try {
    await api.get(url, { template: url.split('?')[0]!, scope, tokenScopes, signal });
    return { outcome: 'granted', detail: 'ok' };
  } catch (e) {
    const detail = (e as Error).message;
    if (e instanceof OktaMissingScopeError) return { outcome: 'missing', detail };
    if (e instanceof OktaApiError && e.status === 404 && PROBE_GRANTED_ON_404.has(scope))
      return { outcome: 'granted', detail: 'ok' };
    if (e instanceof OktaAuthError) return { outcome: 'refused', detail };
    if (e instanceof OktaApiError && (e.featureUnavailable || e.status === 404))
      return { outcome: 'unavailable', detail };
    if (e instanceof OutboundRefusedError) return { outcome: 'refused', detail, code: e.code };
    return { outcome: 'error', detail };
  }
}
