import type { Clock } from '../http/clock.ts';

/**
 * Virtual time for the governor's tests: `sleep` parks on a timer list, and `run` advances time to
 * the next timer whenever every task is blocked, so a ten-minute schedule runs in milliseconds and
 * the timeline is exact.
 */
export class VirtualClock implements Clock {
  private t: number;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 10, 29, 12, 0, 0)) {
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

  /** Drives `work` to completion, jumping time forward whenever nothing else can happen. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    while (!settled) {
      await idle();
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('deadlock: nothing is scheduled and the work has not finished');
      this.t = Math.max(this.t, next.at);
      next.fire();
    }
    return done;
  }
}

/** Lets every pending promise chain run (several macrotask turns, for chains that hop through I/O callbacks). */
async function idle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
