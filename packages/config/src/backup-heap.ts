import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection found live, in percent
 * (V8 chooses up to 300 % by itself). A backup's live heap is small (~40–70 MB at 100k users: the
 * code, the user projection; the object index's 21 MB are buffers) but it allocates fast: parsed
 * pages, canonical JSON, sealed bodies. At V8's own factor the heap and the buffers it frees only on a full collection grew
 * to several times the live size (issue 20). At 100 % (twice the live heap) a 100k-user incremental
 * peaked at 328 MB instead of 448 with the same CPU; 60 % saved another ~20 MB for 6–12 % more CPU.
 */
export const BACKUP_HEAP_GROWING_PERCENT = 100;

/**
 * Applies the worker's heap sizing from inside the process, so it holds however the worker is started
 * (`pnpm start:worker`, scripts/start.ts, a container): V8 refuses this flag in NODE_OPTIONS, and it
 * is read at each heap-limit computation, so setting it at start-up is enough. The young generation
 * is the command line's `--max-semi-space-size` (apps/worker/package.json).
 */
export function tuneHeapForBackups(): void {
  setFlagsFromString(`--heap-growing-percent=${BACKUP_HEAP_GROWING_PERCENT}`);
}
