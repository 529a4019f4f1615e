import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type OpenedBatch, type SealedBatch, openBatch } from './open-batch.fns.ts';
import type { PackedBatch } from './open-worker.ts';

/** One worker per core, at most four: opening is pure CPU, and Postgres and the caller need a core too. */
const SIZE = Math.max(1, Math.min(4, availableParallelism()));
/** Workers end after this long without work; the next large read starts them again (~30 ms each). */
const IDLE_MS = 2000;

interface Task {
  batch: SealedBatch;
  fields?: readonly string[];
  resolve: (r: OpenedBatch) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  tasks: Map<number, Task>;
  /** Ended by the pool (idle): its exit is no failure. */
  ending?: true;
}

const pack = (parts: Buffer[]) => {
  const ends = new Uint32Array(parts.length);
  let n = 0;
  parts.forEach((p, i) => {
    n += p.length;
    ends[i] = n;
  });
  return { bytes: Buffer.concat(parts, n), ends };
};

/**
 * Opens batches of sealed bodies (decrypt, inflate, parse) on worker threads, so a large read
 * (a scan streaming 100k users) uses every core while the caller's thread talks to Postgres (decision
 * 051). The result is the same as opening on the caller's thread, which is where a batch goes when a
 * worker cannot start or dies (an environment that cannot load it): slower, never different.
 */
export class OpenPool {
  private readonly slots: Slot[] = [];
  private readonly script: URL;
  private seq = 0;
  private idle: NodeJS.Timeout | undefined;
  private broken = false;
  /** Workers started, and batches opened on the caller's thread instead (tests check reads leave it). */
  started = 0;
  inThread = 0;

  constructor(script = new URL('./open-worker.ts', import.meta.url)) {
    this.script = script;
  }

  run(batch: SealedBatch, fields?: readonly string[]): Promise<OpenedBatch> {
    if (this.broken) {
      this.inThread++;
      return new Promise((resolve) => resolve(openBatch(batch, fields)));
    }
    clearTimeout(this.idle);
    let slot: Slot;
    try {
      slot = this.pick();
    } catch {
      // No worker can be made here (a bundle without the worker's file, a sandbox without threads).
      this.broken = true;
      return this.run(batch, fields);
    }
    const id = ++this.seq;
    return new Promise<OpenedBatch>((resolve, reject) => {
      slot.tasks.set(id, { batch, fields, resolve, reject });
      slot.worker.ref();
      const addresses = pack(batch.addresses);
      const blobs = pack(batch.blobs);
      const packed: PackedBatch = {
        key: batch.key,
        tenantId: batch.tenantId,
        addresses: addresses.bytes,
        addressEnds: addresses.ends,
        blobs: blobs.bytes,
        blobEnds: blobs.ends,
        ...(fields ? { fields } : {}),
      };
      slot.worker.postMessage({ id, batch: packed });
    });
  }

  /**
   * Starts the workers ahead of a large read (each takes tens of milliseconds to load), so they are
   * ready when its first page arrives.
   */
  warm() {
    if (this.broken) return;
    clearTimeout(this.idle);
    try {
      while (this.slots.length < SIZE) this.pick(true);
    } catch {
      this.broken = true;
    }
    this.settle();
  }

  /** The least busy worker, starting one while there are fewer than SIZE and all are busy. */
  private pick(fresh = false): Slot {
    const free = this.slots.reduce<Slot | undefined>((a, s) => (!a || s.tasks.size < a.tasks.size ? s : a), undefined);
    if (!fresh && free && (free.tasks.size === 0 || this.slots.length >= SIZE)) return free;
    const worker = new Worker(this.script);
    worker.unref();
    const slot: Slot = { worker, tasks: new Map() };
    this.started++;
    worker.on('message', (m: { id: number; result?: OpenedBatch; error?: string }) => {
      const task = slot.tasks.get(m.id);
      slot.tasks.delete(m.id);
      if (!slot.tasks.size) worker.unref();
      if (m.error !== undefined) task?.reject(new Error(m.error));
      else task?.resolve(m.result!);
      this.settle();
    });
    const fail = () => {
      // A worker that cannot start (or died): its batches, and every later one, open on this thread.
      this.broken = true;
      this.slots.splice(this.slots.indexOf(slot) >>> 0, 1);
      for (const t of slot.tasks.values()) {
        this.inThread++;
        try {
          t.resolve(openBatch(t.batch, t.fields));
        } catch (err) {
          t.reject(err as Error);
        }
      }
      slot.tasks.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => {
      if (!slot.ending) fail();
    });
    this.slots.push(slot);
    return slot;
  }

  /** With nothing in flight, the workers end after IDLE_MS (the timer never holds the process open). */
  private settle() {
    if (this.slots.some((s) => s.tasks.size)) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      for (const s of this.slots.splice(0)) {
        s.ending = true;
        void s.worker.terminate();
      }
    }, IDLE_MS);
    this.idle.unref();
  }
}

/** The process's pool. */
export const openPool = new OpenPool();
