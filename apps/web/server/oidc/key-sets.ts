import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { SafeFetch } from '../outbound/safe-fetch.ts';

/**
 * One remote JWKS per jwks_uri, kept for the life of the process. jose caches the keys (10 minutes)
 * and refetches when a token names a `kid` it does not hold (Okta rotates keys without notice), at
 * most once per cooldown, so forged kids cannot make us hammer the IdP. Fetches go through the
 * outbound-address policy.
 */
export function createKeySets(deps: { fetch: SafeFetch; cooldownMs?: number }) {
  const sets = new Map<string, JWTVerifyGetKey>();
  return {
    forUri(jwksUri: string): JWTVerifyGetKey {
      let set = sets.get(jwksUri);
      if (!set) {
        set = createRemoteJWKSet(new URL(jwksUri), {
          [customFetch]: deps.fetch,
          cooldownDuration: deps.cooldownMs ?? 5_000,
          cacheMaxAge: 10 * 60_000,
          timeoutDuration: 5_000,
        });
        sets.set(jwksUri, set);
      }
      return set;
    },
  };
}
export type KeySets = ReturnType<typeof createKeySets>;
