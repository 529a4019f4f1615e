import type { Clock } from '../../okta/http/clock.ts';

/**
 * Time for tests that must not wait: `sleep` moves time forward at once and records the wait, so a
 * Retry-After of minutes or a backoff ladder runs in microseconds and its length is asserted exactly.
 * The msw tenant reads the same clock, so what it counts per window is what the governor planned.
 */
export class InstantClock implements Clock {
  t: number;
  readonly slept: number[] = [];

  constructor(start = Date.UTC(2026, 11, 7, 12, 0, 0)) {
    this.t = start;
  }

  now = () => this.t;

  sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    this.slept.push(ms);
    this.t += Math.max(0, ms);
    await new Promise((r) => setImmediate(r));
  };
}
