import { onAbort } from '@butterfly/outbound';

/** A counting semaphore with FIFO waiters that leave the queue when their signal aborts. */
export class Semaphore {
  private active = 0;
  private readonly queue: { grant: () => void; signal?: AbortSignal }[] = [];
  /** The most slots ever held at once (the tests assert the cap on it). */
  peak = 0;

  readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.size) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const entry = {
        signal,
        grant: () => {
          off();
          this.take();
          resolve();
        },
      };
      const off = onAbort(signal, () => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(signal?.reason);
      });
      this.queue.push(entry);
    });
  }

  release() {
    this.active--;
    this.queue.shift()?.grant();
  }

  private take() {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }
}
