import type { IssuerProbe, TIssuerCheck } from '@butterfly/domain/sso';
import type { OutboundClient } from '@butterfly/outbound';
import type { Discovery } from './discovery.ts';

const SCOPES = ['openid', 'profile', 'email'];

/**
 * "Test connection": reads the issuer's discovery document afresh and its JWKS, and says in plain
 * words what it found and what would stop sign-in from working.
 */
export function createIssuerProbe(deps: {
  discovery: Discovery;
  outbound: Pick<OutboundClient, 'request'>;
}): IssuerProbe {
  return async (issuer) => {
    const checks: TIssuerCheck[] = [];
    const done = () => ({ ok: checks.every((c) => c.ok), checks });
    let meta: Awaited<ReturnType<Discovery['get']>>;
    try {
      meta = await deps.discovery.refresh(issuer);
    } catch (e) {
      checks.push({ name: 'Discovery document', ok: false, detail: (e as Error).message });
      return done();
    }
    checks.push({
      name: 'Discovery document',
      ok: true,
      detail: `Found at ${issuer}/.well-known/openid-configuration, naming issuer ${meta.issuer}.`,
    });
    checks.push({
      name: 'Endpoints',
      ok: true,
      detail: `Authorize ${meta.authorization_endpoint}; token ${meta.token_endpoint}; sign-out ${meta.end_session_endpoint ?? 'none listed (sign-out will end the Butterfly session only)'}.`,
    });
    const methods = meta.code_challenge_methods_supported;
    checks.push({
      name: 'PKCE (S256)',
      ok: !methods || methods.includes('S256'),
      detail: methods ? `Supported methods: ${methods.join(', ')}.` : 'Not listed; Butterfly sends S256 anyway.',
    });
    const missing = meta.scopes_supported ? SCOPES.filter((s) => !meta.scopes_supported!.includes(s)) : [];
    checks.push({
      name: 'Scopes',
      ok: missing.length === 0,
      detail: missing.length
        ? `Missing: ${missing.join(', ')}.`
        : `Butterfly asks for ${SCOPES.join(' ')} (no offline_access).`,
    });
    try {
      const res = await deps.outbound.request(meta.jwks_uri, { headers: { accept: 'application/json' } });
      if (res.status !== 200) throw new Error(`${meta.jwks_uri} answered HTTP ${res.status}`);
      const body = res.json() as { keys?: { kid?: string; kty?: string; use?: string; alg?: string }[] };
      const signing = (body.keys ?? []).filter((k) => k.use !== 'enc' && ['RSA', 'EC', 'OKP'].includes(k.kty ?? ''));
      checks.push({
        name: 'Signing keys',
        ok: signing.length > 0,
        detail: signing.length
          ? `${signing.length} key(s) at ${meta.jwks_uri}: ${signing.map((k) => `${k.kid ?? 'no kid'} (${k.alg ?? k.kty})`).join(', ')}.`
          : `${meta.jwks_uri} lists no signing keys.`,
      });
    } catch (e) {
      checks.push({ name: 'Signing keys', ok: false, detail: (e as Error).message });
    }
    return done();
  };
}
