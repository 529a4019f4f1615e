/**
 * When the supervisor (scripts/start.ts) restarts a child that exited on its own: after a backoff that
 * doubles with each crash in the window (0.5, 1, 2, 4 s), and not at all once `limit` crashes fall in
 * `windowMs` — a child that keeps dying needs a person, or a process manager above us, not a loop.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly baseMs = 500,
  ) {}

  /** Records a crash at `now`; returns the delay before the restart, or undefined to give up. */
  crashed(now = Date.now()): { delayMs: number; count: number } | { giveUp: true; count: number } {
    this.crashes = [...this.crashes.filter((t) => now - t < this.windowMs), now];
    const count = this.crashes.length;
    if (count >= this.limit) return { giveUp: true, count };
    return { delayMs: this.baseMs * 2 ** (count - 1), count };
  }

  describe() {
    return `${this.limit} crashes in ${this.windowMs / 1000} s`;
  }
}
