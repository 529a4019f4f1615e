import type { Clock } from '../../okta/http/clock.ts';

/**
 * Graph's identity and access limits per app and tenant: resource units (RU) per 10 s by tenant size
 * (<50, 50–500, >500 users), and writes per 2.5 min.
 */
export const RU_PER_10S = { small: 3500, medium: 5000, large: 8000 } as const;
export type TenantSize = keyof typeof RU_PER_10S;
const WINDOW_MS = 10_000;
const WRITE_WINDOW_MS = 150_000;
const WRITES_PER_WINDOW = 3000;

export interface RuGovernorOptions {
  /** The tenant's size class; unknown tenants get the smallest bucket (default). */
  tenantSize?: TenantSize;
  /** Override of the bucket itself (tests; a tenant Microsoft gave another limit). */
  ruPer10s?: number;
  /** Our ceiling as a share of every bucket, (0, 1] (default 0.5: decision 047's rule for apps, decision 057). */
  share?: number;
  /**
   * Added to the 10 s window we plan over (default 1 s): Graph counts a request when it arrives, so
   * two requests sent just over 10 s apart may land in one window; planning over 10 s + the latency
   * we tolerate keeps any 10 s of arrivals within the budget.
   */
  latencyMarginMs?: number;
  clock: Clock;
}

interface Entry {
  at: number;
  cost: number;
}

/** What `admit` hands back: settle it with what Graph says it charged. */
export interface Ticket {
  entry: Entry;
  write?: Entry;
}

/**
 * Plans requests against Graph's RU buckets so that in any 10 s (sliding, so whatever window Graph
 * aligns to) our requests cost at most `share` of the bucket, counting what we sent — Graph counts
 * the app's use across every process, so `x-ms-throttle-limit-percentage` (sent past 80 % of the
 * limit) means someone else uses the same app: we halve our budget for a window, and stop for one
 * when it reports 100 % or more. A request that would exceed the budget waits until enough of the
 * window has slid by; admissions are in turn (FIFO), so a large batch is not starved by small GETs.
 */
export class RuGovernor {
  private readonly ledger: Entry[] = [];
  private readonly writes: Entry[] = [];
  private brakeUntil = 0;
  private blockedUntil = 0;
  private line: Promise<void> = Promise.resolve();
  readonly budget: number;
  readonly writeBudget: number;
  private readonly clock: Clock;
  private readonly windowMs: number;

  constructor(o: RuGovernorOptions) {
    this.windowMs = WINDOW_MS + (o.latencyMarginMs ?? 1000);
    const share = o.share ?? 0.5;
    if (!(share > 0 && share <= 1)) throw new RangeError('share must be in (0, 1]');
    const limit = o.ruPer10s ?? RU_PER_10S[o.tenantSize ?? 'small'];
    this.budget = Math.max(1, Math.floor(limit * share));
    this.writeBudget = Math.max(1, Math.floor(WRITES_PER_WINDOW * share));
    this.clock = o.clock;
  }

  /** The budget now: halved while braking after a throttle-percentage warning. */
  private budgetAt(now: number) {
    return now < this.brakeUntil ? Math.max(1, Math.floor(this.budget / 2)) : this.budget;
  }

  /** RU our requests cost in the window ending now. */
  usedAt(now: number): number {
    prune(this.ledger, now - this.windowMs);
    return this.ledger.reduce((n, e) => n + e.cost, 0);
  }

  async admit(cost: number, write: boolean, signal?: AbortSignal, onWait: (ms: number) => void = () => {}) {
    if (cost > this.budget)
      throw new RangeError(`A request costing ${cost} RU can never fit a budget of ${this.budget}`);
    const before = this.line;
    let leave!: () => void;
    this.line = new Promise<void>((r) => {
      leave = r;
    });
    try {
      await before;
      return await this.admitHead(cost, write, signal, onWait);
    } finally {
      leave();
    }
  }

  private async admitHead(cost: number, write: boolean, signal: AbortSignal | undefined, onWait: (ms: number) => void) {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.clock.now();
      let wait = this.blockedUntil - now;
      if (wait <= 0) wait = waitFor(this.ledger, now, this.windowMs, this.budgetAt(now) - cost);
      if (wait <= 0 && write) wait = waitFor(this.writes, now, WRITE_WINDOW_MS, this.writeBudget - 1);
      if (wait <= 0) {
        const entry = { at: now, cost };
        this.ledger.push(entry);
        if (!write) return { entry } satisfies Ticket;
        const w = { at: now, cost: 1 };
        this.writes.push(w);
        return { entry, write: w } satisfies Ticket;
      }
      onWait(wait);
      await this.clock.sleep(wait, signal);
    }
  }

  /** What the answer said: the RU Graph charged (replaces our estimate), and its throttle warning. */
  settle(ticket: Ticket, h: { charged?: number; limitPercentage?: number }) {
    if (h.charged !== undefined && h.charged >= 0) ticket.entry.cost = h.charged;
    if (h.limitPercentage !== undefined && h.limitPercentage >= 0.8) {
      const now = this.clock.now();
      this.brakeUntil = Math.max(this.brakeUntil, now + WINDOW_MS);
      if (h.limitPercentage >= 1) this.blockedUntil = Math.max(this.blockedUntil, now + WINDOW_MS);
    }
  }

  /** Graph said 429 with Retry-After: nobody sends before then (the bucket is the app's, not the request's). */
  pauseAll(ms: number) {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
  }
}

function prune(entries: Entry[], after: number) {
  while (entries.length && entries[0]!.at <= after) entries.shift();
}

/** How long until the entries in the window sum to at most `room` (0: now). */
function waitFor(entries: Entry[], now: number, windowMs: number, room: number): number {
  prune(entries, now - windowMs);
  let used = entries.reduce((n, e) => n + e.cost, 0);
  if (used <= room) return 0;
  for (const e of entries) {
    used -= e.cost;
    // An entry stops counting once the window no longer includes it (strictly after at + window).
    if (used <= room) return e.at + windowMs - now + 1;
  }
  return windowMs;
}

/**
 * The RU a request is planned at: 1 by default, 2 for GET on users, −1 with `$select`, +1 with
 * `$expand` (Graph's published base costs and adjustments), never below 1.
 */
export function ruCost(method: string, url: string): number {
  const u = new URL(url, 'https://graph.invalid');
  const path = u.pathname.replace(/^\/(v1\.0|beta)/, '');
  let cost = method === 'GET' && /^\/users(\/|$|\?)/.test(path) && !/^\/users\/[^/]+\/.+/.test(path) ? 2 : 1;
  if (u.searchParams.has('$select')) cost -= 1;
  if (u.searchParams.has('$expand')) cost += 1;
  return Math.max(1, cost);
}
