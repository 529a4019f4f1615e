import type { OutboundClient } from '@butterfly/outbound';
import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey } from 'jose';

/** How long a key set is kept when its response says nothing (no `Cache-Control: max-age`). */
export const DEFAULT_KEYS_TTL_MS = 10 * 60_000;
/**
 * Bounds on a `max-age` the IdP sends: not below a minute (a `max-age=0` IdP would otherwise be
 * called for every token, and logout receivers take unauthenticated tokens), not beyond a day (a key
 * the IdP withdrew stops being trusted within a day at the latest; a new kid is fetched at once anyway).
 */
export const MIN_KEYS_TTL_MS = 60_000;
export const MAX_KEYS_TTL_MS = 24 * 60 * 60_000;

/**
 * How long a fetched JWKS may be used: the response's `Cache-Control: max-age` less its `Age`
 * (Google: "use the max-age of the Cache-Control header to decide when to refetch"), within the
 * bounds above; DEFAULT_KEYS_TTL_MS when it names none.
 */
export function keysTtlMs(headers: Headers): number {
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(headers.get('cache-control') ?? '')?.[1];
  if (maxAge === undefined) return DEFAULT_KEYS_TTL_MS;
  const age = Number(/^\d+$/.exec(headers.get('age')?.trim() ?? '')?.[0] ?? 0);
  const ms = (Number(maxAge) - age) * 1000;
  return Math.min(MAX_KEYS_TTL_MS, Math.max(MIN_KEYS_TTL_MS, ms));
}

/**
 * One remote JWKS per jwks_uri, kept for the life of the process. jose holds the keys and refetches
 * when a token names a `kid` it does not hold (Okta and Google rotate keys), at most once per
 * cooldown, so forged kids cannot make us hammer the IdP. How long the keys are used otherwise is the
 * response's own `Cache-Control: max-age` (keysTtlMs), measured here on `now`; jose's age cache is
 * off. Fetches go through the outbound client (policy, pinning, caps, deadline; jose asks for no
 * redirects).
 *
 * jose does not remember a failed fetch: every token would try again. An unauthenticated POST to a
 * logout receiver is enough to cause one, so a failure is remembered for `failureTtlMs` (30 s) and
 * answered from memory meanwhile.
 */
export function createKeySets(deps: {
  outbound: Pick<OutboundClient, 'fetch'>;
  cooldownMs?: number;
  failureTtlMs?: number;
  now?: () => number;
}) {
  const sets = new Map<string, JWTVerifyGetKey>();
  const failureTtlMs = deps.failureTtlMs ?? 30_000;
  const now = deps.now ?? Date.now;
  return {
    forUri(jwksUri: string): JWTVerifyGetKey {
      let set = sets.get(jwksUri);
      if (!set) {
        /** When the keys held stop being usable, set by each successful fetch from its headers. */
        let staleAt: number | undefined;
        const remote = createRemoteJWKSet(new URL(jwksUri), {
          [customFetch]: async (...args: Parameters<OutboundClient['fetch']>) => {
            const res = await deps.outbound.fetch(...args);
            if (res.status === 200) staleAt = now() + keysTtlMs(res.headers);
            return res;
          },
          cooldownDuration: deps.cooldownMs ?? 5_000,
          cacheMaxAge: Number.POSITIVE_INFINITY,
          timeoutDuration: 5_000,
        });
        let failed: { at: number; error: unknown } | undefined;
        set = async (header, token) => {
          if (failed && now() - failed.at < failureTtlMs) throw failed.error;
          try {
            if (staleAt !== undefined && now() >= staleAt) await remote.reload();
            const key = await remote(header, token);
            failed = undefined;
            return key;
          } catch (error) {
            // Not finding the token's kid in a fetched set is an answer about the token, not the IdP.
            if (!(error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys))
              failed = { at: now(), error };
            throw error;
          }
        };
        sets.set(jwksUri, set);
      }
      return set;
    },
  };
}
export type KeySets = ReturnType<typeof createKeySets>;
