import type { Clock } from '../../okta/http/clock.ts';
import { backoffMs } from '../../okta/http/rate-headers.fns.ts';
import type { StatsRecorder } from '../../okta/http/stats.ts';
import { type Authorizer, RetryDriver, type Verdict } from '../../retry/retry-driver.ts';
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
}

/** One restore write: POST, PUT, PATCH or DELETE, through the same governor, token and backoff as reads. */
export interface GoogleWrite extends GoogleRead {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /**
   * Sending it twice does no harm (a PATCH, a DELETE). A create is not: after a 5xx or a lost
   * answer it is not sent again (the restore's resumed step looks for it instead).
   */
  idempotent: boolean;
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
  private readonly driver: RetryDriver;
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
    this.driver = new RetryDriver(this.r, o, {
      isNetworkError: (e) => e instanceof GoogleNetworkError,
      unavailable: (message, options) => new GoogleUnavailableError(message, options),
    });
  }

  get(req: GoogleRead, signal?: AbortSignal): Promise<unknown> {
    return this.send({ ...req, method: 'GET', idempotent: true }, signal);
  }

  /** A write (restore): throttled answers are waited out and retried like reads; a create is never re-sent after a 5xx. */
  write(req: GoogleWrite, signal?: AbortSignal): Promise<unknown> {
    return this.send(req, signal);
  }

  private send(
    req: GoogleRead & { method: 'GET' | GoogleWrite['method']; body?: unknown; idempotent: boolean },
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.driver.run<Answer, void, unknown>(
      {
        key: req.key,
        admit: (sig, onWait) => this.o.governor.admit(req.lane, sig, onWait),
        send: (headers, sig) =>
          this.o.wire.send(req.url, {
            method: req.method,
            headers: { ...headers, ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
            signal: sig,
          }),
        classify: (res) => this.classify(req, res),
        ...(req.idempotent
          ? {}
          : {
              notResent: (res) =>
                `${req.key} failed (${res ? `HTTP ${res.status}` : 'no answer'}); a create is not sent twice`,
            }),
      },
      signal,
    );
  }

  private classify(req: GoogleRead & { method: string }, res: Answer): Verdict<unknown> {
    if (res.status >= 200 && res.status < 300) return { kind: 'done', value: res.body };
    const e = googleError(res.body);
    if (res.status === 429 || (res.status === 403 && e.reason && QUOTA_REASONS.has(e.reason)))
      return {
        kind: 'throttled',
        note: `${e.reason ?? res.status}`,
        wait: (throttled) => {
          let ms = backoffMs(throttled, this.r.backoffBaseMs, this.r.backoffMaxMs, this.r.random);
          // The Policy API's 429 for its per-minute read quota needs most of its minute (ScubaGoggles waits 30 s).
          if (res.status === 429 && /per minute/i.test(e.message ?? '')) ms = Math.max(ms, this.r.quotaWaitMs);
          ms = Math.max(ms, retryAfterMs(res.headers.get('retry-after')) ?? 0);
          this.o.governor.pause(req.lane, ms);
          return ms;
        },
      };
    if (res.status >= 500) return { kind: 'retry' };
    if (res.status === 403) {
      const what =
        `${req.method === 'GET' ? req.key : `${req.method} ${req.key.replace(/^GET /, '')}`} answered 403 ${e.reason ?? e.status ?? ''}: ${e.message ?? ''}`.trim();
      // The Policy API reads only as a super admin: the likeliest cause when its scope is delegated.
      const hint = req.lane === 'policy' ? ' (the Policy API needs the admin email to be a super admin)' : '';
      return { kind: 'fail', error: new GoogleForbiddenError(req.scope, `${what}${hint}`) };
    }
    return {
      kind: 'fail',
      error: new GoogleApiError(res.status, e.reason ?? e.status, e.message ?? `HTTP ${res.status}`),
    };
  }
}
