import { BUCKETS, bucketFor, CONCURRENCY, type TBucket } from './buckets.ts';

export interface TBucketStats {
  requests: number;
  limited: number;
  /** The most requests one window of this bucket admitted (every caller together): how close the org came to its limit. */
  peakWindow: number;
}

export interface TRateStats {
  rateScale: number;
  concurrencyLimit: number;
  inFlight: number;
  maxConcurrency: number;
  /** Requests refused because the concurrency cap was reached. */
  concurrencyLimited: number;
  /** Every 429, whichever limit caused it. */
  limited: number;
  buckets: Record<string, TBucketStats & { limit: number }>;
  /** Per OAuth app (by client id): its share and how much of each bucket it took in its busiest window. */
  apps: Record<string, TAppStats>;
}

export interface TAppStats {
  /** Percent of each bucket the app may use in one window (Okta's default for a new OAuth app: 50). */
  share: number;
  requests: number;
  /** Every 429 answered to the app, whichever limit caused it. */
  limited: number;
  /** Those of them the app earned by passing its own share (the org's bucket still had room). */
  overShare: number;
  buckets: Record<string, TBucketStats & { limit: number; cap: number }>;
}

/** Okta's default per-app share of each org-wide bucket, for OAuth 2.0 apps (and API tokens, which the sim does not cap). */
export const DEFAULT_APP_SHARE = 50;

export type TAdmission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; reason: 'rate' | 'concurrency'; headers: Record<string, string> };

/**
 * One org's rate limits: fixed one-minute windows per bucket (Okta's `X-Rate-Limit-Reset` is the
 * end of the current window, in epoch seconds) and a cap on requests in flight. The clock is
 * injected so tests can cross a window boundary without waiting.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  /** `clientId bucket` → the app's own count in the bucket's current window. */
  private readonly appWindows = new Map<string, { start: number; used: number }>();
  private readonly shares = new Map<string, number>();
  private stats = emptyStats();
  private inFlight = 0;

  constructor(
    private readonly clock: () => number,
    readonly scale: number,
  ) {}

  limitOf(bucket: TBucket): number {
    return Math.max(1, Math.round(bucket.perMinute * this.scale));
  }

  get concurrencyLimit(): number {
    return Math.max(1, Math.round(CONCURRENCY * this.scale));
  }

  /** The percent of each bucket an OAuth app (by client id) may use; Okta's admin console slider, 1–100. */
  setAppShare(clientId: string, percent: number): void {
    if (!(Number.isInteger(percent) && percent >= 1 && percent <= 100))
      throw new RangeError('share must be an integer percent in 1–100');
    this.shares.set(clientId, percent);
  }

  appShare(clientId: string): number {
    return this.shares.get(clientId) ?? DEFAULT_APP_SHARE;
  }

  /**
   * `app`: the client id of the OAuth app whose access token authenticated the request. Its requests
   * count against the org's bucket and against the app's share of it; past either, a 429. Each answer
   * to the app shows its own view: the bucket's limit and reset, and what the app may still send in
   * this window (the lower of the org's remaining and the app's).
   */
  admit(method: string, below: string, app?: string): TAdmission {
    const bucket = bucketFor(method, below);
    const limit = this.limitOf(bucket);
    const now = this.clock();
    const start = Math.floor(now / 60_000) * 60_000;
    const window = this.window(this.windows, bucket.name, start);
    const counts = this.stats.buckets[bucket.name] ?? { requests: 0, limited: 0, peakWindow: 0 };
    this.stats.buckets[bucket.name] = counts;
    counts.requests++;
    const own = app === undefined ? undefined : this.appCounts(app, bucket.name, limit);
    const appWindow = app === undefined ? undefined : this.window(this.appWindows, `${app} ${bucket.name}`, start);
    if (own) {
      own.app.requests++;
      own.bucket.requests++;
    }
    const remaining = () =>
      Math.min(limit - window.used, own && appWindow ? own.bucket.cap - appWindow.used : Number.POSITIVE_INFINITY);
    const headers = (left: number) => ({
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, left)),
      'x-rate-limit-reset': String((start + 60_000) / 1000),
    });
    if (this.inFlight >= this.concurrencyLimit) {
      counts.limited++;
      this.stats.limited++;
      this.stats.concurrencyLimited++;
      if (own) own.app.limited++;
      return { ok: false, reason: 'concurrency', headers: headers(remaining()) };
    }
    if (window.used >= limit || (own && appWindow && appWindow.used >= own.bucket.cap)) {
      counts.limited++;
      this.stats.limited++;
      if (own) {
        own.app.limited++;
        own.bucket.limited++;
        if (window.used < limit) own.app.overShare++;
      }
      return { ok: false, reason: 'rate', headers: headers(0) };
    }
    window.used++;
    counts.peakWindow = Math.max(counts.peakWindow, window.used);
    if (own && appWindow) {
      appWindow.used++;
      own.bucket.peakWindow = Math.max(own.bucket.peakWindow, appWindow.used);
    }
    this.inFlight++;
    this.stats.maxConcurrency = Math.max(this.stats.maxConcurrency, this.inFlight);
    let released = false;
    const release = () => {
      if (!released) this.inFlight--;
      released = true;
    };
    return { ok: true, headers: headers(remaining()), release };
  }

  private window(map: Map<string, { start: number; used: number }>, key: string, start: number) {
    let w = map.get(key);
    if (!w || w.start !== start) {
      w = { start, used: 0 };
      map.set(key, w);
    }
    return w;
  }

  private appCounts(clientId: string, bucket: string, limit: number) {
    const share = this.appShare(clientId);
    const app = this.stats.apps[clientId] ?? { share, requests: 0, limited: 0, overShare: 0, buckets: {} };
    this.stats.apps[clientId] = app;
    app.share = share;
    const cap = Math.max(1, Math.floor((limit * share) / 100));
    const counts = { requests: 0, limited: 0, peakWindow: 0, ...app.buckets[bucket], limit, cap };
    app.buckets[bucket] = counts;
    return { app, bucket: counts };
  }

  snapshot(): TRateStats {
    const buckets: TRateStats['buckets'] = {};
    for (const b of BUCKETS) {
      const counts = this.stats.buckets[b.name];
      if (counts) buckets[b.name] = { ...counts, limit: this.limitOf(b) };
    }
    return {
      ...this.stats,
      apps: structuredClone(this.stats.apps),
      rateScale: this.scale,
      concurrencyLimit: this.concurrencyLimit,
      inFlight: this.inFlight,
      buckets,
    };
  }

  /** Forgets counters (not the current windows): a benchmark can measure one run. */
  resetStats(): void {
    this.stats = emptyStats();
  }
}

function emptyStats() {
  return {
    maxConcurrency: 0,
    concurrencyLimited: 0,
    limited: 0,
    buckets: {} as Record<string, TBucketStats>,
    apps: {} as Record<string, TAppStats>,
  };
}
