import type { Clock } from '../okta/http/clock.ts';

/**
 * Virtual time for tests, shared by every provider's test clock: `sleep` parks on a timer list that
 * only `fireNext` moves, so time passes exactly when a subclass's `run` decides nothing else can
 * happen. An aborted sleep leaves the list and rejects with the signal's reason.
 */
export abstract class TimerClock implements Clock {
  private t: number;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  constructor(start: number) {
    this.t = start;
  }

  now = () => this.t;

  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason);
      });
    });

  /** Moves time to the earliest timer (ties in the order they were set) and fires it; false when none is set. */
  protected fireNext(): boolean {
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift();
    if (!next) return false;
    this.t = Math.max(this.t, next.at);
    next.fire();
    return true;
  }
}
