import { onAbort } from '@butterfly/outbound';
import type { Clock } from './clock.ts';
import type { RateHeaders } from './rate-headers.fns.ts';

export interface BucketOptions {
  /** Share of each bucket left to the customer's own automation (0.2: we use at most 80 %). */
  reserve: number;
  /**
   * Our own ceiling in each window, as a share of the bucket's limit (OAuth service apps: Okta caps
   * each app at its share, 50 % unless the admin changed it). Counted from our own requests, since
   * Okta's `remaining` is the whole org's; with a share the reserve is not applied on top.
   */
  share?: number;
  clock: Clock;
  /** Added to every wait for a reset, so many waiters do not all fire on the same millisecond. */
  jitter: () => number;
  /** Cap on one wait for a reset (a skewed clock must not park us for hours). */
  maxResetWaitMs: number;
}

/**
 * One Okta rate-limit bucket as we last saw it. Admission spreads what the bucket can still give us
 * (remaining − in flight − reserve) evenly over the time left in its window, so a long backup paces
 * itself instead of bursting to the limit and stalling until the reset. Okta counts every caller of
 * the org in `remaining`, so the customer's own traffic slows us down rather than being starved.
 * With no headers yet (first call, or a window that has ended) one request probes at a time.
 */
export class RateBucket {
  private limit = 0;
  private remaining: number | undefined;
  private resetAt: number | undefined;
  private inflight = 0;
  /** Requests we sent that count in the current window (in flight ones included: they may land in it). */
  private sent = 0;
  private nextAt = 0;
  private wake: (() => void)[] = [];
  private line: Promise<void> = Promise.resolve();

  private readonly o: BucketOptions;

  constructor(o: BucketOptions) {
    this.o = o;
  }

  /**
   * Admissions to one bucket are taken in turn: only the head of the line sleeps on the pacing
   * clock, so a thousand queued requests do not all wake up for every grant.
   */
  async admit(signal?: AbortSignal, onWait: (ms: number) => void = () => {}): Promise<void> {
    const before = this.line;
    let leave!: () => void;
    this.line = new Promise<void>((r) => {
      leave = r;
    });
    try {
      await abortable(before, signal);
    } catch (e) {
      // Keep the line intact: whoever is behind us waits for whoever was ahead of us.
      before.then(leave);
      throw e;
    }
    try {
      await this.admitHead(signal, onWait);
    } finally {
      leave();
    }
  }

  private async admitHead(signal: AbortSignal | undefined, onWait: (ms: number) => void): Promise<void> {
    for (;;) {
      const now = this.o.clock.now();
      if (this.resetAt !== undefined && now >= this.resetAt) {
        this.remaining = this.resetAt = undefined;
        this.sent = this.inflight;
      }
      if (this.remaining === undefined || this.resetAt === undefined) {
        if (this.inflight === 0) return void this.take();
        await this.changed(signal);
        continue;
      }
      const available = this.available();
      if (available <= 0) {
        await this.wait(Math.min(this.resetAt - now, this.o.maxResetWaitMs) + this.o.jitter(), signal, onWait);
        continue;
      }
      if (now < this.nextAt) {
        await this.wait(this.nextAt - now, signal, onWait);
        continue;
      }
      this.nextAt = now + (this.resetAt - now) / available;
      this.take();
      return;
    }
  }

  /** What this window can still give us: the org's remaining less our reserve, or less what our share has left. */
  private available(): number {
    const left = this.remaining! - this.inflight;
    if (this.o.share === undefined) return left - Math.ceil(this.limit * this.o.reserve);
    return Math.min(left, Math.floor(this.limit * this.o.share) - this.sent);
  }

  private take() {
    this.inflight++;
    this.sent++;
  }

  /** A request admitted by `admit` has finished (with the bucket's headers when the answer had them). */
  done(rate?: RateHeaders) {
    this.inflight--;
    if (rate) this.observe(rate);
    for (const w of this.wake.splice(0)) w();
  }

  private observe(r: RateHeaders) {
    this.limit = r.limit;
    if (this.resetAt === undefined || r.resetAt > this.resetAt) {
      // A new window: its figures replace the old ones. Of ours, it counts this answer's request
      // and, at most, every request still in flight.
      this.resetAt = r.resetAt;
      this.remaining = r.remaining;
      this.sent = Math.min(this.sent, 1 + this.inflight);
    } else if (r.resetAt === this.resetAt) {
      // Answers of one window arrive out of order: the lowest remaining is the latest truth.
      this.remaining = Math.min(this.remaining ?? r.remaining, r.remaining);
    }
  }

  private async wait(ms: number, signal: AbortSignal | undefined, onWait: (ms: number) => void) {
    const t = Math.max(0, ms);
    onWait(t);
    await this.o.clock.sleep(t, signal);
  }

  private changed(signal?: AbortSignal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const off = onAbort(signal, () => reject(signal?.reason));
      this.wake.push(() => {
        off();
        resolve();
      });
    });
  }
}

/** `p`, or the signal's reason if it aborts first. Every request queued on a bucket waits in here. */
function abortable(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const off = onAbort(signal, () => reject(signal.reason));
    p.then(() => {
      off();
      resolve();
    });
  });
}
