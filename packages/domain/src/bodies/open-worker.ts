import { parentPort } from 'node:worker_threads';
import { openBatch } from './open-batch.fns.ts';

/** One batch as the pool packs it: every address and blob end to end, with where each ends. */
export interface PackedBatch {
  key: Uint8Array;
  tenantId: string;
  addresses: Uint8Array;
  addressEnds: Uint32Array;
  blobs: Uint8Array;
  blobEnds: Uint32Array;
  fields?: readonly string[];
}

const unpack = (bytes: Uint8Array, ends: Uint32Array) => {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from(ends, (end, i) => all.subarray(i ? ends[i - 1]! : 0, end));
};

/**
 * A decode worker (open-pool.ts): opens batches of sealed bodies off the main thread. Loaded as its
 * own module graph (through the process's loader, or Node's type stripping), so it imports nothing but
 * node: modules and the codec.
 */
parentPort?.on('message', ({ id, batch }: { id: number; batch: PackedBatch }) => {
  try {
    const result = openBatch(
      {
        key: Buffer.from(batch.key),
        tenantId: batch.tenantId,
        addresses: unpack(batch.addresses, batch.addressEnds),
        blobs: unpack(batch.blobs, batch.blobEnds),
      },
      batch.fields,
    );
    parentPort!.postMessage({ id, result });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
