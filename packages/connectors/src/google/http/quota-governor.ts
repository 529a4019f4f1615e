import type { Clock } from '../../okta/http/clock.ts';

/** The Directory API's default quota: queries per minute per user per project [LIMITS]. */
export const DIRECTORY_QUERIES_PER_MIN = 2400;
/** The Policy API 429s pages asked for faster than about one a second (ScubaGoggles' observation). */
export const POLICY_PAGE_GAP_MS = 1000;
const WINDOW_MS = 60_000;

export interface QuotaGovernorOptions {
  /** Override of the per-minute quota (tests; a project Google gave more). */
  queriesPerMin?: number;
  /** Our ceiling as a share of it, (0, 1] (default 0.5, as for Okta and Entra apps: decision 047). */
  share?: number;
  /** Added to the minute we plan over (default 1 s), so a minute of arrivals stays within the budget. */
  latencyMarginMs?: number;
  policyGapMs?: number;
  clock: Clock;
}

/** Which limit a request counts against. */
export type Lane = 'directory' | 'policy' | 'other';

/**
 * Plans requests against Google's quotas: Directory (and Groups Settings) queries in any sliding
 * minute stay within `share` of the per-minute quota; Policy API pages go at least a second apart;
 * after a throttled answer nobody of that lane sends before the backoff ends. Admissions are FIFO.
 */
export class QuotaGovernor {
  readonly budget: number;
  private readonly sent: number[] = [];
  private readonly windowMs: number;
  private readonly gapMs: number;
  private lastPolicy = -Infinity;
  private readonly pausedUntil: Record<Lane, number> = { directory: 0, policy: 0, other: 0 };
  private line: Promise<void> = Promise.resolve();
  private readonly clock: Clock;

  constructor(o: QuotaGovernorOptions) {
    const share = o.share ?? 0.5;
    if (!(share > 0 && share <= 1)) throw new RangeError('share must be in (0, 1]');
    this.budget = Math.max(1, Math.floor((o.queriesPerMin ?? DIRECTORY_QUERIES_PER_MIN) * share));
    this.windowMs = WINDOW_MS + (o.latencyMarginMs ?? 1000);
    this.gapMs = o.policyGapMs ?? POLICY_PAGE_GAP_MS;
    this.clock = o.clock;
  }

  /** Directory queries in the window ending now. */
  usedAt(now: number): number {
    while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    return this.sent.length;
  }

  async admit(lane: Lane, signal?: AbortSignal, onWait: (ms: number) => void = () => {}) {
    const before = this.line;
    let leave!: () => void;
    this.line = new Promise<void>((r) => {
      leave = r;
    });
    try {
      await before;
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const now = this.clock.now();
        const wait = Math.max(this.pausedUntil[lane] - now, this.laneWait(lane, now));
        if (wait <= 0) {
          if (lane === 'directory') this.sent.push(now);
          if (lane === 'policy') this.lastPolicy = now;
          return;
        }
        onWait(wait);
        await this.clock.sleep(wait, signal);
      }
    } finally {
      leave();
    }
  }

  private laneWait(lane: Lane, now: number): number {
    if (lane === 'policy') return this.lastPolicy + this.gapMs - now;
    if (lane !== 'directory' || this.usedAt(now) < this.budget) return 0;
    // The oldest query leaves the window strictly after at + window.
    return this.sent[this.sent.length - this.budget]! + this.windowMs - now + 1;
  }

  /** A throttled answer: this lane sends nothing for `ms` (the quota is the project's, not the request's). */
  pause(lane: Lane, ms: number) {
    this.pausedUntil[lane] = Math.max(this.pausedUntil[lane], this.clock.now() + ms);
  }
}
