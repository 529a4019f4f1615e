import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DB } from './generated/db.ts';

/** `points` requests (or failures) per key in a fixed window of `windowSec` seconds. */
export interface TRateRule {
  points: number;
  windowSec: number;
}

export type TRateVerdict = { allowed: true } | { allowed: false; retryAfterSec: number };

export interface RateLimiter {
  readonly name: string;
  readonly rule: TRateRule;
  /** Counts one attempt and refuses it once the window's points are spent. */
  hit(key: string): Promise<TRateVerdict>;
  /**
   * Counts one failure after the fact (a failure-only limit) and says whether it was one too many.
   * Successes are never counted nor refused: a valid credential is not locked out by a neighbour's
   * failures behind the same address.
   */
  fail(key: string): Promise<TRateVerdict>;
}

export interface RateLimiterOptions {
  /** Called when Postgres does not answer; the in-memory insurance limiter has answered instead. */
  onStoreError?: (err: unknown, limiter: string) => void;
  /** A query slower than this counts as an outage (default 1 s): a hung database must not hang sign-in. */
  queryTimeoutMs?: number;
}

/** The table our migration 20261206220100_rate-limits creates; the library never runs DDL. */
const TABLE = 'rate_limits';

/**
 * rate-limiter-flexible's Postgres store, shared by every web and SCIM process, over our Kysely pool.
 * The library speaks to a `pg` Pool (`query({ text, values }) -> { rows, rowCount }`); Kysely owns
 * ours, so this adapter runs the library's SQL through it, with a timeout. When Postgres fails,
 * the library falls back to its `insuranceLimiter`, a per-process memory limiter with the same rule:
 * limits keep working (per process) and no request becomes a 500 because the counters are away.
 */
export function createRateLimiter(
  db: Kysely<DB>,
  name: string,
  rule: TRateRule,
  opts: RateLimiterOptions = {},
): RateLimiter {
  const timeoutMs = opts.queryTimeoutMs ?? 1_000;
  const storeClient = {
    async query(q: { text: string; values?: unknown[] }) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`rate-limit store did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const r = await Promise.race([db.executeQuery(CompiledQuery.raw(q.text, q.values ?? [])), timeout]);
        return { rows: r.rows, rowCount: r.rows.length };
      } catch (err) {
        opts.onStoreError?.(err, name);
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const common = { keyPrefix: name, points: rule.points, duration: rule.windowSec };
  const limiter = new RateLimiterPostgres({
    ...common,
    storeClient,
    storeType: 'pool',
    tableName: TABLE,
    tableCreated: true,
    insuranceLimiter: new RateLimiterMemory(common),
  });
  // Keys are hashed: no address, email or recovery token is stored in clear, and each fits varchar(255).
  const keyOf = (key: string) => createHash('sha256').update(key).digest('base64url');
  const refused = (res: RateLimiterRes): TRateVerdict => ({
    allowed: false,
    retryAfterSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });

  return {
    name,
    rule,
    async hit(key) {
      try {
        await limiter.consume(keyOf(key));
        return { allowed: true };
      } catch (e) {
        if (e instanceof RateLimiterRes) return refused(e);
        throw e;
      }
    },
    async fail(key) {
      const res = await limiter.penalty(keyOf(key), 1);
      return res.consumedPoints > rule.points ? refused(res) : { allowed: true };
    },
  };
}

/** Asks several limiters about one request (say per address and per account): refused if any refuses. */
export function combineVerdicts(verdicts: TRateVerdict[]): TRateVerdict {
  const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfterSec]));
  return waits.length ? { allowed: false, retryAfterSec: Math.max(...waits) } : { allowed: true };
}
