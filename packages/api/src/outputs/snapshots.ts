import { z } from 'zod';

/** A snapshot as lists show it (SnapshotView). */
export const ZSnapshotView = z.object({
  id: z.string(),
  seq: z.number(),
  connectionId: z.string(),
  kind: z.enum(['object', 'full']),
  trigger: z.string(),
  status: z.enum(['complete', 'failed', 'running']),
  error: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  objectCount: z.number(),
  counts: z.record(z.string(), z.number()),
  changes: z.object({ added: z.number().optional(), changed: z.number().optional(), removed: z.number().optional() }),
  progress: z.record(z.string(), z.unknown()),
  stats: z.record(z.string(), z.unknown()),
  rowsWritten: z.number(),
  bytesWritten: z.number(),
  legalHold: z.boolean(),
});

/** `snapshots.objects`: a page of one type's objects; `nextAfter` is the next page's cursor. */
export const ZSnapshotObjectsPage = z.object({
  snapshotId: z.string(),
  types: z.array(z.object({ type: z.string(), count: z.number() })),
  type: z.string().nullable(),
  q: z.string(),
  objects: z.array(z.object({ type: z.string(), id: z.string(), label: z.string() })),
  nextAfter: z.string().nullable(),
});
