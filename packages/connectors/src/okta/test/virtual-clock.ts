import { TimerClock } from '../../testing/timer-clock.ts';

/**
 * Virtual time for the governor's tests: `sleep` parks on a timer list, and `run` advances time to
 * the next timer whenever every task is blocked, so a ten-minute schedule runs in milliseconds and
 * the timeline is exact.
 */
export class VirtualClock extends TimerClock {
  constructor(start = Date.UTC(2026, 10, 29, 12, 0, 0)) {
    super(start);
  }

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
      if (!this.fireNext()) throw new Error('deadlock: nothing is scheduled and the work has not finished');
    }
    return done;
  }
}

/** Lets every pending promise chain run (several macrotask turns, for chains that hop through I/O callbacks). */
async function idle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
