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
}

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

  admit(method: string, below: string): TAdmission {
    const bucket = bucketFor(method, below);
    const limit = this.limitOf(bucket);
    const now = this.clock();
    const start = Math.floor(now / 60_000) * 60_000;
    let window = this.windows.get(bucket.name);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(bucket.name, window);
    }
    const counts = this.stats.buckets[bucket.name] ?? { requests: 0, limited: 0, peakWindow: 0 };
    this.stats.buckets[bucket.name] = counts;
    counts.requests++;
    const headers = (remaining: number) => ({
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, remaining)),
      'x-rate-limit-reset': String((start + 60_000) / 1000),
    });
    if (this.inFlight >= this.concurrencyLimit) {
      counts.limited++;
      this.stats.limited++;
      this.stats.concurrencyLimited++;
      return { ok: false, reason: 'concurrency', headers: headers(limit - window.used) };
    }
    if (window.used >= limit) {
      counts.limited++;
      this.stats.limited++;
      return { ok: false, reason: 'rate', headers: headers(0) };
    }
    window.used++;
    counts.peakWindow = Math.max(counts.peakWindow, window.used);
    this.inFlight++;
    this.stats.maxConcurrency = Math.max(this.stats.maxConcurrency, this.inFlight);
    let released = false;
    const release = () => {
      if (!released) this.inFlight--;
      released = true;
    };
    return { ok: true, headers: headers(limit - window.used), release };
  }

  snapshot(): TRateStats {
    const buckets: TRateStats['buckets'] = {};
    for (const b of BUCKETS) {
      const counts = this.stats.buckets[b.name];
      if (counts) buckets[b.name] = { ...counts, limit: this.limitOf(b) };
    }
    return { ...this.stats, rateScale: this.scale, concurrencyLimit: this.concurrencyLimit, inFlight: this.inFlight, buckets };
  }

  /** Forgets counters (not the current windows): a benchmark can measure one run. */
  resetStats(): void {
    this.stats = emptyStats();
  }
}

function emptyStats() {
  return { maxConcurrency: 0, concurrencyLimited: 0, limited: 0, buckets: {} as Record<string, TBucketStats> };
}
