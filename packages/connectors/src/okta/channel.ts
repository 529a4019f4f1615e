/**
 * A bounded queue between the list walkers (producers) and the consumer of `listObjects`: when the
 * consumer is slow, `push` waits, so requests stop instead of objects piling up in memory.
 */
export class Channel<T> {
  private readonly buffer: T[] = [];
  private closed = false;
  private failure: { error: unknown } | undefined;
  private readers: (() => void)[] = [];
  private writers: (() => void)[] = [];

  private readonly highWater: number;

  constructor(highWater = 256) {
    this.highWater = highWater;
  }

  async push(value: T): Promise<void> {
    while (this.buffer.length >= this.highWater && !this.closed) await new Promise<void>((r) => this.writers.push(r));
    if (this.closed) return;
    this.buffer.push(value);
    this.readers.shift()?.();
  }

  close() {
    this.closed = true;
    this.wakeAll();
  }

  fail(error: unknown) {
    this.failure ??= { error };
    this.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.buffer.length) {
        yield this.buffer.shift()!;
        this.writers.shift()?.();
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => this.readers.push(r));
    }
  }

  private wakeAll() {
    for (const w of [...this.readers.splice(0), ...this.writers.splice(0)]) w();
  }
}
