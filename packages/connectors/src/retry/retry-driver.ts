import type { Clock } from '../okta/http/clock.ts';
import { backoffMs } from '../okta/http/rate-headers.fns.ts';
import { Semaphore } from '../okta/http/semaphore.ts';
import type { StatsRecorder } from '../okta/http/stats.ts';

/** Where the Authorization header comes from (a provider's token source), and how to drop one refused. */
export interface Authorizer {
  authorization(signal?: AbortSignal): Promise<string>;
  invalidate(header: string): void;
}

/** What one answer comes to, as the provider reads it; the driver decides what happens next. */
export type Verdict<T> =
  | { kind: 'done'; value: T }
  | { kind: 'fail'; error: Error }
  /**
   * Throttled: `wait(n)` is the wait before the next try after the nth throttled answer (pausing the
   * provider's governor as that provider does); past `maxThrottled` the request fails, `note` said why.
   */
  | { kind: 'throttled'; wait: (tries: number) => number; note?: string }
  /** A server error: sent again after a backoff, as a lost answer is, unless it may not be sent twice. */
  | { kind: 'retry' };

export interface RetryLimits {
  /** Requests in flight at once through this driver. */
  concurrency: number;
  /** Retries of 5xx answers and network errors. */
  maxRetries: number;
  /** Throttled answers tolerated per request. */
  maxThrottled: number;
  /** Cap of one backoff. */
  backoffMaxMs: number;
  random: () => number;
}

/** What the driver shares with the provider's client: its token, its clock, its stats. */
export interface RetryDeps {
  token: Authorizer;
  clock: Clock;
  stats: StatsRecorder;
}

/** How the provider's wire and errors look to the driver. */
export interface RetryFailures {
  /** A failure of `send` worth another try (connection reset, timeout); any other is thrown as is. */
  isNetworkError: (e: unknown) => boolean;
  /** The provider's error for a request that retries could not get through. */
  unavailable: (message: string, options?: ErrorOptions) => Error;
}

/** One request as the driver runs it; `A` is the provider's answer, `G` its governor's admission. */
export interface Exchange<A extends { status: number }, G, T> {
  /** Method and path template: the stats key and the name in errors. */
  key: string;
  /** The provider's governor: waits until this request may go (its waits reported through `onWait`). */
  admit(signal: AbortSignal | undefined, onWait: (ms: number) => void): Promise<G>;
  /** One attempt; `headers` are the authorization and the headers every request carries. */
  send(headers: Record<string, string>, signal?: AbortSignal): Promise<A>;
  /** After each attempt that was sent: what it cost, or that it was lost. */
  settle?(admitted: G, answer: A | undefined): void;
  classify(answer: A): Verdict<T>;
  /**
   * Set when sending it twice may do harm (a create): after a 5xx or a lost answer it may have
   * happened, so it fails with this message instead of going again.
   */
  notResent?: (answer: A | undefined) => string;
}

/**
 * The retry loop the Graph and Google clients share: a token, a slot of `concurrency`, then the
 * provider's governor (a request admitted is sent at once, so what the provider counts in a window
 * is what the governor planned in it); one fresh token on a 401; throttled answers waited out as the
 * provider says, up to `maxThrottled`; 5xx and network errors retried with backoff and jitter, up to
 * `maxRetries`, unless the request may not be sent twice; counted in the stats per endpoint.
 */
export class RetryDriver {
  private readonly slots: Semaphore;
  private readonly limits: RetryLimits;
  private readonly o: RetryDeps & RetryFailures;

  constructor(limits: RetryLimits, deps: RetryDeps, failures: RetryFailures) {
    this.limits = limits;
    this.o = { token: deps.token, clock: deps.clock, stats: deps.stats, ...failures };
    this.slots = new Semaphore(limits.concurrency);
  }

  async run<A extends { status: number }, G, T>(ex: Exchange<A, G, T>, signal?: AbortSignal): Promise<T> {
    const { clock, token } = this.o;
    const limits = this.limits;
    const s = this.o.stats.endpoint(ex.key);
    const onWait = (ms: number) => this.o.stats.wait(ex.key, ms);
    let refreshed = false;
    let retries = 0;
    let throttled = 0;
    for (;;) {
      const authorization = await token.authorization(signal);
      let answer: A | undefined;
      let failure: Error | undefined;
      await this.slots.acquire(signal);
      let admitted: G;
      try {
        admitted = await ex.admit(signal, onWait);
      } catch (e) {
        this.slots.release();
        throw e;
      }
      try {
        s.requests++;
        answer = await ex.send(
          { authorization, accept: 'application/json', 'user-agent': 'butterfly-backup/1' },
          signal,
        );
      } catch (e) {
        if (!this.o.isNetworkError(e)) throw e;
        failure = e as Error;
      } finally {
        this.slots.release();
      }
      ex.settle?.(admitted, answer);
      if (answer?.status === 401 && !refreshed) {
        refreshed = true;
        token.invalidate(authorization);
        continue;
      }
      const verdict: Verdict<T> = answer ? ex.classify(answer) : { kind: 'retry' };
      switch (verdict.kind) {
        case 'done':
          return verdict.value;
        case 'fail':
          throw verdict.error;
        case 'throttled': {
          s.rateLimited++;
          if (++throttled > limits.maxThrottled) {
            const note = verdict.note === undefined ? '' : ` (${verdict.note})`;
            throw this.o.unavailable(`Still throttled after ${throttled} tries: ${ex.key}${note}`);
          }
          const ms = verdict.wait(throttled);
          onWait(ms);
          await clock.sleep(ms, signal);
          continue;
        }
        case 'retry':
          if (ex.notResent) throw this.o.unavailable(ex.notResent(answer), { cause: failure });
          if (++retries > limits.maxRetries)
            throw this.o.unavailable(`Gave up after ${retries} tries: ${ex.key}`, { cause: failure });
          s.retries++;
          await clock.sleep(backoffMs(retries, 500, limits.backoffMaxMs, limits.random), signal);
          continue;
      }
    }
  }
}
