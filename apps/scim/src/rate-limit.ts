/**
 * Failed authentications per client address in a sliding window. In memory, per process: with N
 * SCIM processes a client gets N times the allowance, which still ends guessing (tokens are 256-bit;
 * the limit protects the database and the logs, not the secret). Only failures are counted and only
 * failures are refused: a request with a valid token is never limited by this.
 */
export class FailedAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 20,
    private readonly windowMs = 60_000,
    private readonly maxTracked = 10_000,
  ) {}

  /** Records a failure; returns the seconds to wait when the address is over the limit. */
  fail(address: string, now = Date.now()): number | undefined {
    const since = now - this.windowMs;
    const times = (this.failures.get(address) ?? []).filter((t) => t > since);
    times.push(now);
    // Past max + 1 the oldest ones no longer matter: keep memory per address bounded.
    this.failures.set(address, times.slice(-(this.max + 1)));
    if (this.failures.size > this.maxTracked) this.prune(since);
    if (times.length <= this.max) return undefined;
    // The next failure is let through once enough of these have left the window to leave room for it.
    const mustExpire = times[times.length - this.max]!;
    return Math.max(1, Math.ceil((mustExpire + this.windowMs - now) / 1000));
  }

  private prune(since: number) {
    for (const [address, times] of this.failures) if ((times.at(-1) ?? 0) <= since) this.failures.delete(address);
    // Still too many (a flood from many addresses): forget the oldest entries rather than grow.
    for (const address of this.failures.keys()) {
      if (this.failures.size <= this.maxTracked) break;
      this.failures.delete(address);
    }
  }
}
