import type { Logger, RateLimitName } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { type RateLimiter, createRateLimiter } from '@butterfly/db/rate-limits';

export type WebRateLimits = Record<RateLimitName, RateLimiter>;

/** The limiters of the web app, over Postgres, logging a store outage at most once a minute. */
export function createWebRateLimits(
  db: Kysely<DB>,
  rules: Record<RateLimitName, { points: number; windowSec: number }>,
  log: Logger,
): WebRateLimits {
  let lastWarned = 0;
  const onStoreError = (err: unknown, limiter: string) => {
    if (Date.now() - lastWarned < 60_000) return;
    lastWarned = Date.now();
    log.warn({ err, limiter }, 'rate-limit counters unreachable in Postgres: limiting per process from memory');
  };
  return Object.fromEntries(
    (Object.keys(rules) as RateLimitName[]).map((name) => [
      name,
      createRateLimiter(db, `web:${name}`, rules[name], { onStoreError }),
    ]),
  ) as WebRateLimits;
}
