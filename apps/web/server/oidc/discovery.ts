import { z } from 'zod';
import type { OutboundClient, OutboundResponse } from '@butterfly/outbound';

const ZUrl = z.url({ protocol: /^https?$/ });

/** The parts of an OpenID Provider's metadata that sign-in, sign-out and the probe read. */
const ZOidcMetadata = z.object({
  issuer: ZUrl,
  authorization_endpoint: ZUrl,
  token_endpoint: ZUrl,
  jwks_uri: ZUrl,
  end_session_endpoint: ZUrl.optional(),
  scopes_supported: z.array(z.string()).optional(),
  response_types_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
});
export type OidcMetadata = z.output<typeof ZOidcMetadata>;

export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
}

const trim = (u: string) => u.replace(/\/+$/, '');

/**
 * OIDC discovery with a per-issuer cache (10 minutes by default). A failed read is cached briefly
 * too (30 s): a dead or slow issuer would otherwise cost a full outbound call on every request that
 * names it, and the unauthenticated logout receivers are such requests. Callers `invalidate` an
 * issuer when something built from it fails (token endpoint, JWKS), so a moved endpoint is re-read
 * on the next attempt instead of after the TTL; "Test connection" always reads afresh (`refresh`).
 */
export function createDiscovery(deps: {
  outbound: Pick<OutboundClient, 'request'>;
  ttlMs?: number;
  failureTtlMs?: number;
  now?: () => number;
}) {
  const ttlMs = deps.ttlMs ?? 10 * 60_000;
  const failureTtlMs = deps.failureTtlMs ?? 30_000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; ttl: number; value: Promise<OidcMetadata> }>();

  async function load(issuer: string): Promise<OidcMetadata> {
    const url = `${trim(issuer)}/.well-known/openid-configuration`;
    let res: OutboundResponse;
    try {
      // Redirects are followed (bounded, each hop checked against the outbound policy).
      res = await deps.outbound.request(url, { headers: { accept: 'application/json' }, redirect: 'follow' });
    } catch (e) {
      throw new DiscoveryError(`${url} could not be fetched: ${(e as Error).message}`, { cause: e });
    }
    if (res.status !== 200) throw new DiscoveryError(`${url} answered HTTP ${res.status}`);
    let json: unknown;
    try {
      json = res.json();
    } catch {
      json = undefined;
    }
    const parsed = ZOidcMetadata.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ');
      throw new DiscoveryError(`${url} is not an OpenID Provider configuration (check: ${fields})`);
    }
    const meta = parsed.data;
    // OIDC Discovery 4.3: the document must name the issuer it was fetched for, or tokens could be
    // validated against another issuer's expectations.
    if (trim(meta.issuer) !== trim(issuer))
      throw new DiscoveryError(`${url} names the issuer ${meta.issuer}, not ${issuer}`);
    if (new URL(issuer).protocol === 'https:') {
      const plain = (['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint'] as const).find(
        (k) => meta[k]?.startsWith('http:'),
      );
      if (plain) throw new DiscoveryError(`${url} lists ${plain} over plain http`);
    }
    return meta;
  }

  const discovery = {
    get(issuer: string): Promise<OidcMetadata> {
      const key = trim(issuer);
      const hit = cache.get(key);
      if (hit && now() - hit.at < hit.ttl) return hit.value;
      const value = load(key);
      cache.set(key, { at: now(), ttl: ttlMs, value });
      // The failure is kept from when it happened, for the shorter TTL.
      value.catch(() => cache.get(key)?.value === value && cache.set(key, { at: now(), ttl: failureTtlMs, value }));
      return value;
    },
    invalidate(issuer: string) {
      cache.delete(trim(issuer));
    },
    /** A fresh read (the "test connection" button), which also refreshes the cache. */
    refresh(issuer: string): Promise<OidcMetadata> {
      discovery.invalidate(issuer);
      return discovery.get(issuer);
    },
  };
  return discovery;
}
export type Discovery = ReturnType<typeof createDiscovery>;
