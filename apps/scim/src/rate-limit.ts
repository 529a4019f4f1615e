import type { Logger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { type RateLimiter, type TRateRule, createRateLimiter } from '@butterfly/db/rate-limits';

/**
 * Failed authentications per client address, counted in Postgres so that every SCIM process shares
 * them (rate-limiter-flexible; memory insurance while Postgres is away, logged at most once a
 * minute). Only failures are counted and only failures are refused: a request with a valid token
 * is never limited by this. Tokens are 256-bit, so the limit protects the database and the logs,
 * not the secret.
 */
export function createFailedAuthLimiter(db: Kysely<DB>, rule: TRateRule, log: Logger): RateLimiter {
  let lastWarned = 0;
  return createRateLimiter(db, 'scim:bearer_fail_ip', rule, {
    onStoreError: (err) => {
      if (Date.now() - lastWarned < 60_000) return;
      lastWarned = Date.now();
      log.warn({ err }, 'rate-limit counters unreachable in Postgres: limiting per process from memory');
    },
  });
}
