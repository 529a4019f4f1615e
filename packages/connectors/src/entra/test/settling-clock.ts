import { TimerClock } from '../../testing/timer-clock.ts';

/**
 * Virtual time for tests where requests run concurrently: `sleep` parks on a timer list, and `run`
 * moves time to the next timer only once everything in flight has settled (every request sent
 * has arrived, and a few milliseconds of real quiet), so an admitted request reaches the msw tenant at the virtual instant it was admitted.
 * (okta's VirtualClock waits a few macrotask turns only, which an HTTP round trip through msw outlasts.)
 */
export class SettlingClock extends TimerClock {
  constructor(start = Date.UTC(2026, 11, 7, 12, 0, 0)) {
    super(start);
  }

  /**
   * `ready`: whether every request sent has reached the tenant (the test compares the client's
   * count of sends with the tenant's count of arrivals): time never moves while one is on the way.
   */
  async run<T>(work: Promise<T>, ready: () => boolean = () => true): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    for (let quiet = 0; !settled; ) {
      await new Promise((r) => setTimeout(r, 5));
      if (settled) break;
      // 100 ms without news before time moves: on a loaded machine a response can take tens of ms of
      // real time to reach the client, and moving time while it travels charges its successor late.
      if (++quiet < 20 || !ready()) continue;
      quiet = 0;
      this.fireNext(); // nothing scheduled with work still in flight: wait for it
    }
    return done;
  }
}
