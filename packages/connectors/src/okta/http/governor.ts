import { OktaUnavailableError } from '../errors.ts';
import { RateBucket } from './bucket.ts';
import { type Clock, realClock } from './clock.ts';
import { oktaBucketOf } from './okta-buckets.ts';
import { backoffMs, type RateHeaders } from './rate-headers.fns.ts';
import { Semaphore } from './semaphore.ts';
import { StatsRecorder } from './stats.ts';

export interface GovernorOptions {
  /** Share of every bucket left to the customer (default 0.2), when no `share` is set (SSWS tokens). */
  reserve?: number;
  /**
   * Our own ceiling, as a share of every bucket (0–1]: set for OAuth service apps, whose requests Okta
   * caps at the app's share (50 % by default). Replaces the reserve.
   */
  share?: number;
  /** Requests in flight across the org (default 15; Okta allows 75 for everyone together). */
  concurrency?: number;
  /** Retries of 5xx answers and network errors (default 4). */
  maxRetries?: number;
  /** 429s tolerated per request before giving up (default 8). */
  max429Retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Upper bound of the random delay added to reset waits (default 1000 ms). */
  jitterMs?: number;
  maxResetWaitMs?: number;
  clock?: Clock;
  random?: () => number;
}

/** What one attempt of a request came to; the transport classifies, the governor decides. */
export type Outcome<T> =
  | { kind: 'done'; value: T; rate?: RateHeaders }
  | { kind: 'fail'; error: Error; rate?: RateHeaders }
  | { kind: 'rate_limited'; error: Error; rate?: RateHeaders }
  | { kind: 'retry'; error: Error; rate?: RateHeaders }
  /** Try again at once (a refreshed access token); the attempt itself bounds how often. */
  | { kind: 'again'; rate?: RateHeaders };

/**
 * Every request to an org goes through `run`: its Okta bucket (okta-buckets.ts) paces it, the org-wide
 * semaphore caps concurrency, and the outcome decides between returning, retrying after backoff,
 * waiting for the bucket's reset (429), or failing (any other 4xx: retrying cannot help).
 */
export class Governor {
  readonly stats = new StatsRecorder();
  readonly slots: Semaphore;
  private readonly buckets = new Map<string, RateBucket>();
  private readonly o: Required<Omit<GovernorOptions, 'share'>> & Pick<GovernorOptions, 'share'>;

  constructor(opts: GovernorOptions = {}) {
    this.o = {
      reserve: 0.2,
      concurrency: 15,
      maxRetries: 4,
      max429Retries: 8,
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      jitterMs: 1000,
      maxResetWaitMs: 65_000,
      clock: realClock,
      random: Math.random,
      ...opts,
    };
    if (!(this.o.reserve >= 0 && this.o.reserve < 1)) throw new RangeError('reserve must be in [0, 1)');
    if (this.o.share !== undefined && !(this.o.share > 0 && this.o.share <= 1))
      throw new RangeError('share must be in (0, 1]');
    this.slots = new Semaphore(this.o.concurrency);
  }

  /**
   * `prepare` runs before each attempt, outside the bucket and the semaphore: fetching an access
   * token is itself a governed request, and holding a slot while waiting for it could deadlock.
   */
  async run<T, P>(
    key: string,
    attempt: (prepared: P, signal?: AbortSignal) => Promise<Outcome<T>>,
    signal?: AbortSignal,
    prepare?: (signal?: AbortSignal) => Promise<P>,
  ): Promise<T> {
    const bucket = this.bucket(oktaBucketOf(key));
    const s = this.stats.endpoint(key);
    const onWait = (ms: number) => this.stats.wait(key, ms);
    let retries = 0;
    let limited = 0;
    for (;;) {
      const prepared = (await prepare?.(signal)) as P;
      await bucket.admit(signal, onWait);
      let outcome: Outcome<T>;
      try {
        await this.slots.acquire(signal);
        try {
          s.requests++;
          outcome = await attempt(prepared, signal);
        } finally {
          this.slots.release();
        }
      } catch (e) {
        bucket.done();
        throw e;
      }
      bucket.done(outcome.rate);
      switch (outcome.kind) {
        case 'done':
          return outcome.value;
        case 'fail':
          throw outcome.error;
        case 'again':
          continue;
        case 'rate_limited':
          s.rateLimited++;
          if (++limited > this.o.max429Retries)
            throw new OktaUnavailableError(`Still rate-limited after ${limited} tries: ${key}`, {
              cause: outcome.error,
            });
          // With headers the bucket now holds remaining 0 and admit waits for the reset; without, back off.
          if (!outcome.rate)
            await this.pause(
              key,
              backoffMs(limited, this.o.backoffBaseMs * 4, this.o.maxResetWaitMs, this.o.random),
              signal,
            );
          continue;
        case 'retry':
          if (++retries > this.o.maxRetries)
            throw new OktaUnavailableError(`Gave up after ${retries} tries: ${key}`, { cause: outcome.error });
          s.retries++;
          // A backoff, not a rate-limit wait: it is counted as a retry, not in waits.
          await this.o.clock.sleep(
            backoffMs(retries, this.o.backoffBaseMs, this.o.backoffMaxMs, this.o.random),
            signal,
          );
          continue;
      }
    }
  }

  private async pause(key: string, ms: number, signal?: AbortSignal) {
    this.stats.wait(key, ms);
    await this.o.clock.sleep(ms, signal);
  }

  private bucket(name: string) {
    let b = this.buckets.get(name);
    if (!b) {
      b = new RateBucket({
        reserve: this.o.reserve,
        ...(this.o.share !== undefined ? { share: this.o.share } : {}),
        clock: this.o.clock,
        jitter: () => this.o.random() * this.o.jitterMs,
        maxResetWaitMs: this.o.maxResetWaitMs,
      });
      this.buckets.set(name, b);
    }
    return b;
  }
}
