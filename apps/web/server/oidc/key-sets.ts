import type { OutboundClient } from '@butterfly/outbound';
import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey } from 'jose';

/**
 * One remote JWKS per jwks_uri, kept for the life of the process. jose caches the keys (10 minutes)
 * and refetches when a token names a `kid` it does not hold (Okta rotates keys without notice), at
 * most once per cooldown, so forged kids cannot make us hammer the IdP. Fetches go through the
 * outbound client (policy, pinning, caps, deadline; jose asks for no redirects).
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
        const remote = createRemoteJWKSet(new URL(jwksUri), {
          [customFetch]: deps.outbound.fetch,
          cooldownDuration: deps.cooldownMs ?? 5_000,
          cacheMaxAge: 10 * 60_000,
          timeoutDuration: 5_000,
        });
        let failed: { at: number; error: unknown } | undefined;
        set = async (header, token) => {
          if (failed && now() - failed.at < failureTtlMs) throw failed.error;
          try {
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
