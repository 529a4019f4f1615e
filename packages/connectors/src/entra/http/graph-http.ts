import type { Clock } from '../../okta/http/clock.ts';
import { backoffMs } from '../../okta/http/rate-headers.fns.ts';
import type { StatsRecorder } from '../../okta/http/stats.ts';
import { type Authorizer, RetryDriver } from '../../retry/retry-driver.ts';
import { EntraMissingPermissionError, EntraUnavailableError, GraphApiError } from '../errors.ts';
import { graphError, retryAfterMs, ruHeaders } from './graph-headers.fns.ts';
import { type RuGovernor, ruCost, type Ticket } from './ru-governor.ts';
import { type RawResponse, type Wire, WireRetryable } from './wire.ts';

export interface RetryOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Retries of 5xx answers and network errors (default 4). */
  maxRetries?: number;
  /** Throttled answers (429, 503) tolerated per request before giving up (default 8). */
  maxThrottled?: number;
  /** First backoff step for a 429 without Retry-After (default 2 s; doubled each time, with jitter). */
  backoffBaseMs?: number;
  /** Cap of one backoff (default 60 s). */
  backoffMaxMs?: number;
  /** Cap of one Retry-After wait (default 5 min: a skewed or absurd value must not park a backup for hours). */
  maxRetryAfterMs?: number;
  random?: () => number;
}

export interface GraphAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface GraphRead {
  /** A path below the version root (`/users?$top=999`) or a `@odata.nextLink` exactly as Graph sent it. */
  url: string;
  /** The path template (`/groups/{id}/members`): the stats key. */
  template: string;
  /** The application permission this read needs (named when Graph answers 403). */
  permission: string;
  version: 'v1.0' | 'beta';
}

/** One write (restore): POST, PATCH or DELETE below the version root. */
export interface GraphWrite {
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  template: string;
  /** The application permission this write needs (named when Graph answers 403). */
  permission: string;
  version: 'v1.0' | 'beta';
  body?: unknown;
  /**
   * Sending it twice does no harm (a PATCH, a DELETE, a restore from deleted items). A create is not:
   * after a 5xx or a lost answer it may have happened, so it is not sent again (the restore's resumed
   * step looks for what it made instead).
   */
  idempotent: boolean;
}

/** One sub-request of a `$batch`, and what became of it. */
export type BatchResult = { ok: true; answer: GraphAnswer } | { ok: false; error: Error };

const BATCH_MAX = 20;

const ownRu = (res: RawResponse) => ruHeaders((n) => res.headers.get(n));

/**
 * A `$batch` costs what its sub-requests cost, and each sub-response carries its own RU headers:
 * the sum of what they charged (when every one says), and the highest throttle warning.
 */
export function batchRu(res: RawResponse): ReturnType<typeof ruHeaders> {
  const responses = (res.body as { responses?: unknown } | undefined)?.responses;
  if (!Array.isArray(responses)) return ownRu(res);
  let charged: number | undefined = 0;
  let limitPercentage: number | undefined;
  for (const r of responses as { headers?: Record<string, string> }[]) {
    const h = new Headers(r.headers && typeof r.headers === 'object' ? r.headers : {});
    const one = ruHeaders((n) => h.get(n));
    charged = charged !== undefined && one.charged !== undefined ? charged + one.charged : undefined;
    if (one.limitPercentage !== undefined) limitPercentage = Math.max(limitPercentage ?? 0, one.limitPercentage);
  }
  return {
    ...(charged !== undefined && responses.length ? { charged } : {}),
    ...(limitPercentage !== undefined ? { limitPercentage } : {}),
  };
}

export interface GraphHttpOptions {
  graphUrl: string;
  wire: Wire;
  governor: RuGovernor;
  token: Authorizer;
  clock: Clock;
  stats: StatsRecorder;
  retry?: RetryOptions;
}

/**
 * Graph's request semantics in one place: every request planned by the RU governor, at most
 * `concurrency` in flight, one fresh token on a 401, 429/503 waited out (Retry-After when sent, and
 * then nobody sends before it; exponential backoff with jitter and a cap when not), 5xx and network
 * errors retried with backoff, 403 a missing permission, any other 4xx failing at once.
 */
export class GraphHttp {
  private readonly driver: RetryDriver;
  private readonly r: Required<RetryOptions>;
  private readonly base: string;
  private readonly o: GraphHttpOptions;

  constructor(o: GraphHttpOptions) {
    this.o = o;
    this.base = o.graphUrl.replace(/\/+$/, '');
    this.r = {
      concurrency: 4,
      maxRetries: 4,
      maxThrottled: 8,
      backoffBaseMs: 2000,
      backoffMaxMs: 60_000,
      maxRetryAfterMs: 300_000,
      random: Math.random,
      ...o.retry,
    };
    this.driver = new RetryDriver(this.r, o, {
      isNetworkError: (e) => e instanceof WireRetryable,
      unavailable: (message, options) => new EntraUnavailableError(message, options),
    });
  }

  absolute(version: string, url: string) {
    return /^https?:\/\//i.test(url) ? url : `${this.base}/${version}${url}`;
  }

  async get(req: GraphRead, signal?: AbortSignal): Promise<GraphAnswer> {
    const url = this.absolute(req.version, req.url);
    const res = await this.exchange(
      { method: 'GET', url, key: `GET ${req.template}`, cost: ruCost('GET', url) },
      signal,
    );
    return this.answer(res, req);
  }

  /** A write through the same governor (its write bucket too), token and throttling as the reads. */
  async write(req: GraphWrite, signal?: AbortSignal): Promise<GraphAnswer> {
    const url = this.absolute(req.version, req.url);
    const res = await this.exchange(
      {
        method: req.method,
        url,
        key: `${req.method} ${req.template}`,
        cost: ruCost(req.method, url),
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        once: !req.idempotent,
      },
      signal,
    );
    return this.answer(res, req);
  }

  /**
   * Reads many URLs through `$batch`, 20 per batch. Each sub-response has its own status: a 2xx is
   * a result, a 429/503/5xx is sent again in a later batch (after the longest Retry-After of the
   * round, or a backoff) — only the failed ones —, and any other answer is that sub-request's error.
   */
  async batch(reqs: readonly GraphRead[], signal?: AbortSignal): Promise<BatchResult[]> {
    const results: (BatchResult | undefined)[] = reqs.map(() => undefined);
    const tries = reqs.map(() => 0);
    let pending = reqs.map((_, i) => i);
    while (pending.length) {
      let waitMs = 0;
      const again: number[] = [];
      for (let i = 0; i < pending.length; i += BATCH_MAX) {
        const chunk = pending.slice(i, i + BATCH_MAX);
        const byVersion = new Map<string, number[]>();
        for (const n of chunk) byVersion.set(reqs[n]!.version, [...(byVersion.get(reqs[n]!.version) ?? []), n]);
        for (const [version, ids] of byVersion) {
          const outcome = await this.sendBatch(version, ids, reqs, signal);
          for (const n of ids) {
            const sub = outcome.get(n)!;
            const key = `GET ${reqs[n]!.template}`;
            this.o.stats.endpoint(key).requests++;
            if (sub.status >= 200 && sub.status < 300) {
              results[n] = { ok: true, answer: { status: sub.status, body: sub.body, headers: sub.headers } };
              continue;
            }
            const throttled = sub.status === 429 || sub.status === 503;
            if (throttled || sub.status >= 500) {
              if (throttled) this.o.stats.endpoint(key).rateLimited++;
              else this.o.stats.endpoint(key).retries++;
              if (++tries[n]! <= (throttled ? this.r.maxThrottled : this.r.maxRetries)) {
                const ra = retryAfterMs(sub.headers.get('retry-after'), this.o.clock.now());
                waitMs = Math.max(
                  waitMs,
                  ra !== undefined
                    ? Math.min(ra, this.r.maxRetryAfterMs)
                    : backoffMs(tries[n]!, this.r.backoffBaseMs, this.r.backoffMaxMs, this.r.random),
                );
                again.push(n);
                continue;
              }
            }
            results[n] = { ok: false, error: this.toError(sub, reqs[n]!) };
          }
        }
      }
      pending = again;
      if (pending.length && waitMs > 0) {
        this.o.stats.wait('POST /$batch', waitMs);
        await this.o.clock.sleep(waitMs, signal);
      }
    }
    return results as BatchResult[];
  }

  private async sendBatch(
    version: string,
    ids: number[],
    reqs: readonly GraphRead[],
    signal?: AbortSignal,
  ): Promise<Map<number, RawResponse>> {
    const requests = ids.map((n) => ({ id: String(n), method: 'GET', url: this.relative(version, reqs[n]!.url) }));
    const cost = requests.reduce((s, r) => s + ruCost('GET', r.url), 0);
    const res = await this.exchange(
      {
        method: 'POST',
        url: `${this.base}/${version}/$batch`,
        key: 'POST /$batch',
        cost,
        read: true,
        body: JSON.stringify({ requests }),
        ru: batchRu,
      },
      signal,
    );
    if (res.status < 200 || res.status >= 300) throw this.toError(res, { permission: '', template: '/$batch' });
    const responses = (res.body as { responses?: unknown } | undefined)?.responses;
    const out = new Map<number, RawResponse>();
    if (Array.isArray(responses))
      for (const r of responses as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown }[]) {
        const n = Number(r.id);
        if (!ids.includes(n)) continue;
        const headers = new Headers(
          r.headers && typeof r.headers === 'object' ? (r.headers as Record<string, string>) : {},
        );
        out.set(n, { status: Number(r.status) || 500, headers, body: r.body });
      }
    // A sub-request Graph did not answer is retried like a 503.
    for (const n of ids) if (!out.has(n)) out.set(n, { status: 503, headers: new Headers(), body: undefined });
    return out;
  }

  /** A sub-request's URL is relative to the version root; a nextLink is made so (it is on our Graph URL). */
  private relative(version: string, url: string) {
    const prefix = `${this.base}/${version}`;
    return url.startsWith(prefix) ? url.slice(prefix.length) : url;
  }

  private answer(res: RawResponse, req: Pick<GraphRead, 'permission' | 'template'>): GraphAnswer {
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: res.body, headers: res.headers };
    throw this.toError(res, req);
  }

  private toError(res: RawResponse, req: Pick<GraphRead, 'permission' | 'template'>): Error {
    const e = graphError(res.body);
    if (res.status === 403 && req.permission)
      return new EntraMissingPermissionError(req.permission, `Graph answered 403 ${e.code ?? ''} on ${req.template}`);
    if (res.status === 429 || res.status === 503)
      return new EntraUnavailableError(`Still throttled after retries: ${req.template}`);
    return new GraphApiError(res.status, e.code, e.message ?? `HTTP ${res.status}`, e.requestId);
  }

  /**
   * One request with retries (the shared driver). Answers the last response when it is final (2xx,
   * or a 4xx other than 401-once and 429); throws when retries run out. `read`: a POST that reads
   * ($batch), not a write.
   */
  private exchange(
    req: {
      method: string;
      url: string;
      key: string;
      cost: number;
      body?: string;
      read?: boolean;
      /** Not sent again after a 5xx or a network error (a create that may have happened). */
      once?: boolean;
      /** Where the answer says what it cost (a `$batch`: in its sub-responses); default its own headers. */
      ru?: (res: RawResponse) => ReturnType<typeof ruHeaders>;
    },
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    return this.driver.run<RawResponse, Ticket, RawResponse>(
      {
        key: req.key,
        admit: (sig, onWait) => this.o.governor.admit(req.cost, req.method !== 'GET' && !req.read, sig, onWait),
        send: (headers, sig) =>
          this.o.wire.send(req.url, {
            method: req.method,
            headers: { ...headers, ...(req.body ? { 'content-type': 'application/json' } : {}) },
            body: req.body,
            signal: sig,
          }),
        settle: (ticket, res) => {
          this.o.governor.settle(ticket, res ? (req.ru ?? ownRu)(res) : {});
          // What Graph said this request cost (or our estimate when it did not say): the bench's RU floor.
          const s = this.o.stats.endpoint(req.key);
          if (res) s.resourceUnits = (s.resourceUnits ?? 0) + ticket.entry.cost;
        },
        classify: (res) => {
          if (res.status === 429 || res.status === 503)
            return { kind: 'throttled', wait: (n) => this.throttleWait(res, n) };
          if (res.status >= 500) return { kind: 'retry' };
          return { kind: 'done', value: res };
        },
        ...(req.once
          ? { notResent: (res) => `No answer to ${req.key} (${res ? `HTTP ${res.status}` : 'network error'})` }
          : {}),
      },
      signal,
    );
  }

  /** Retry-After when Graph sent it (and then nobody sends before it); a capped backoff when not. */
  private throttleWait(res: RawResponse, throttled: number) {
    const ra = retryAfterMs(res.headers.get('retry-after'), this.o.clock.now());
    if (ra === undefined)
      // An older revision of the limits throttled CA and named locations with no Retry-After.
      return backoffMs(throttled, this.r.backoffBaseMs, this.r.backoffMaxMs, this.r.random);
    const ms = Math.min(ra, this.r.maxRetryAfterMs);
    this.o.governor.pauseAll(ms);
    return ms;
  }
}
