import type { Clock } from '../../okta/http/clock.ts';
import { backoffMs } from '../../okta/http/rate-headers.fns.ts';
import { Semaphore } from '../../okta/http/semaphore.ts';
import type { StatsRecorder } from '../../okta/http/stats.ts';
import { GoogleApiError, GoogleForbiddenError, GoogleUnavailableError } from '../errors.ts';
import type { Lane, QuotaGovernor } from './quota-governor.ts';
import { type Answer, GoogleNetworkError, type GoogleWire } from './wire.ts';

export interface GoogleRetryOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Retries of 5xx answers and network errors (default 4). */
  maxRetries?: number;
  /** Throttled answers (403 rate/quota reasons, 429) tolerated per request (default 8). */
  maxThrottled?: number;
  /** First backoff step of a throttled answer (default 1 s, doubled each time, with jitter). */
  backoffBaseMs?: number;
  /** Cap of one backoff (default 64 s, Google's own advice). */
  backoffMaxMs?: number;
  /** The least wait after the Policy API's per-minute quota answer (default 30 s, as ScubaGoggles waits). */
  quotaWaitMs?: number;
  random?: () => number;
}

export interface GoogleRead {
  url: string;
  /** The stats key: method and path template (`GET /admin/directory/v1/groups/{id}/members`). */
  key: string;
  /** The scope this read needs (named when Google answers 403). */
  scope: string;
  lane: Lane;
  /** A JSON body: the request is a POST (`users.watch`, decision 064); a GET otherwise. */
  body?: unknown;
}

export interface Authorizer {
  authorization(signal?: AbortSignal): Promise<string>;
  invalidate(header: string): void;
}

/** 403 reasons Google uses for quotas, not for permissions [LIMITS]. */
const QUOTA_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/** `{"error":{"code","message","errors":[{"reason"}],"status"}}`: the reason, the message. */
export function googleError(body: unknown): { reason?: string; message?: string; status?: string } {
  const e = (body as { error?: unknown } | undefined)?.error;
  if (!e || typeof e !== 'object') return {};
  const o = e as { message?: unknown; errors?: unknown; status?: unknown; details?: unknown };
  const first = Array.isArray(o.errors) ? (o.errors[0] as { reason?: unknown } | undefined) : undefined;
  // Cloud Identity's newer shape says it in `details[].reason` (google.rpc.ErrorInfo).
  const info = Array.isArray(o.details)
    ? (o.details as { reason?: unknown }[]).find((d) => typeof d?.reason === 'string')
    : undefined;
  const reason = typeof first?.reason === 'string' ? first.reason : (info?.reason as string | undefined);
  return {
    ...(reason ? { reason } : {}),
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
    ...(typeof o.status === 'string' ? { status: o.status } : {}),
  };
}

const retryAfterMs = (v: string | null) => (v && /^\d+$/.test(v.trim()) ? Number(v) * 1000 : undefined);

/**
 * Google's request semantics in one place: each request admitted by the quota governor, at most
 * `concurrency` in flight, one fresh token on a 401, throttled answers (403 with a rate or quota
 * reason, 429) backed off exponentially with jitter and the lane paused meanwhile (30 s and more on
 * the Policy API's per-minute quota), 5xx and network errors retried, any other 403 a missing grant
 * and other 4xx failing at once.
 */
export class GoogleHttp {
  private readonly slots: Semaphore;
  private readonly r: Required<GoogleRetryOptions>;
  private readonly o: {
    wire: GoogleWire;
    governor: QuotaGovernor;
    token: Authorizer;
    clock: Clock;
    stats: StatsRecorder;
  };

  constructor(o: GoogleHttp['o'] & { retry?: GoogleRetryOptions }) {
    this.o = o;
    this.r = {
      concurrency: 4,
      maxRetries: 4,
      maxThrottled: 8,
      backoffBaseMs: 1000,
      backoffMaxMs: 64_000,
      quotaWaitMs: 30_000,
      random: Math.random,
      ...o.retry,
    };
    this.slots = new Semaphore(this.r.concurrency);
  }

  /** A GET (a POST when the request has a body), with the token, the governor, retries and backoff. */
  async get(req: GoogleRead, signal?: AbortSignal): Promise<unknown> {
    const s = this.o.stats.endpoint(req.key);
    const onWait = (ms: number) => this.o.stats.wait(req.key, ms);
    let refreshed = false;
    let retries = 0;
    let throttled = 0;
    for (;;) {
      const authorization = await this.o.token.authorization(signal);
      let res: Answer | undefined;
      let failure: Error | undefined;
      await this.slots.acquire(signal);
      try {
        await this.o.governor.admit(req.lane, signal, onWait);
        s.requests++;
        const headers = { authorization, accept: 'application/json', 'user-agent': 'butterfly-backup/1' };
        res = await this.o.wire.send(
          req.url,
          req.body === undefined
            ? { method: 'GET', headers, signal }
            : {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify(req.body),
                signal,
              },
        );
      } catch (e) {
        if (!(e instanceof GoogleNetworkError)) throw e;
        failure = e;
      } finally {
        this.slots.release();
      }
      if (res && res.status >= 200 && res.status < 300) return res.body;
      if (res?.status === 401 && !refreshed) {
        refreshed = true;
        this.o.token.invalidate(authorization);
        continue;
      }
      const e = res ? googleError(res.body) : {};
      if (res && (res.status === 429 || (res.status === 403 && e.reason && QUOTA_REASONS.has(e.reason)))) {
        s.rateLimited++;
        if (++throttled > this.r.maxThrottled)
          throw new GoogleUnavailableError(
            `Still throttled after ${throttled} tries: ${req.key} (${e.reason ?? res.status})`,
          );
        let ms = backoffMs(throttled, this.r.backoffBaseMs, this.r.backoffMaxMs, this.r.random);
        // The Policy API's 429 for its per-minute read quota needs most of its minute (ScubaGoggles waits 30 s).
        if (res.status === 429 && /per minute/i.test(e.message ?? '')) ms = Math.max(ms, this.r.quotaWaitMs);
        ms = Math.max(ms, retryAfterMs(res.headers.get('retry-after')) ?? 0);
        this.o.governor.pause(req.lane, ms);
        onWait(ms);
        await this.o.clock.sleep(ms, signal);
        continue;
      }
      if (!res || res.status >= 500) {
        if (++retries > this.r.maxRetries)
          throw new GoogleUnavailableError(`Gave up after ${retries} tries: ${req.key}`, { cause: failure });
        s.retries++;
        await this.o.clock.sleep(backoffMs(retries, 500, this.r.backoffMaxMs, this.r.random), signal);
        continue;
      }
      if (res.status === 403) {
        const what = `${req.key} answered 403 ${e.reason ?? e.status ?? ''}: ${e.message ?? ''}`.trim();
        // The Policy API reads only as a super admin: the likeliest cause when its scope is delegated.
        const hint = req.lane === 'policy' ? ' (the Policy API needs the admin email to be a super admin)' : '';
        throw new GoogleForbiddenError(req.scope, `${what}${hint}`);
      }
      throw new GoogleApiError(res.status, e.reason ?? e.status, e.message ?? `HTTP ${res.status}`);
    }
  }
}
