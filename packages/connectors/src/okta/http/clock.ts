import { onAbort } from '@butterfly/outbound';

/**
 * Time as the governor and the token cache see it. Injected so tests can run minutes of rate-limit
 * windows in milliseconds (see test/virtual-clock.ts), and so no code here reads Date.now directly.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(
        () => {
          off();
          resolve();
        },
        Math.max(0, ms),
      );
      const off = onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal?.reason);
      });
    }),
};
