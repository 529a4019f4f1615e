/**
 * Time that runs `speed` times faster than the wall clock, shared by the simulator (its rate-limit
 * windows, token lifetimes) and the connector (its pacing and reset waits). Both sides see the same
 * minutes, so a run that crosses several one-minute windows takes seconds.
 */
export function fastClock(speed: number) {
  const t0 = Date.now();
  const now = () => t0 + (Date.now() - t0) * speed;
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms) / speed);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return { now, sleep };
}
