import { z } from 'zod';
import { ZChangeActor, ZJsonChange, ZObjectReference } from './shapes.ts';

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

/** `snapshots.credentials`. */
export const ZSnapshotsCredentials = z.union([
  z.object({
    connection: z.object({ id: z.string(), name: z.string() }),
    snapshot: z.null(),
    credentials: z.array(z.never()),
  }),
  z.object({
    connection: z.object({ id: z.string(), name: z.string() }),
    snapshot: z.object({ id: z.string(), completedAt: z.string().nullable() }),
    credentials: z.array(
      z.object({
        daysLeft: z.number().nullable(),
        type: z.enum(['app.key', 'app.secret']),
        objectId: z.string(),
        credentialId: z.string(),
        appId: z.string(),
        appLabel: z.string(),
        kind: z.enum(['signing key', 'client secret']),
        status: z.string().nullable(),
        created: z.string().nullable(),
        expiresAt: z.string().nullable(),
      }),
    ),
  }),
]);

/** `snapshots.diff`. */
export const ZSnapshotsDiff = z.object({
  from: z.object({
    id: z.string(),
    connectionId: z.string(),
    seq: z.number(),
    kind: z.enum(['object', 'full']),
    status: z.enum(['complete', 'failed', 'running']),
    trigger: z.string(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    objectCount: z.number(),
    counts: z.record(z.string(), z.number()),
    changes: z.object({ added: z.number().optional(), changed: z.number().optional(), removed: z.number().optional() }),
    stats: z.record(z.string(), z.unknown()),
    progress: z.record(z.string(), z.unknown()),
    rowsWritten: z.number(),
    bytesWritten: z.number(),
    error: z.string().nullable(),
    legalHold: z.boolean(),
  }),
  to: z.object({
    id: z.string(),
    connectionId: z.string(),
    seq: z.number(),
    kind: z.enum(['object', 'full']),
    status: z.enum(['complete', 'failed', 'running']),
    trigger: z.string(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    objectCount: z.number(),
    counts: z.record(z.string(), z.number()),
    changes: z.object({ added: z.number().optional(), changed: z.number().optional(), removed: z.number().optional() }),
    stats: z.record(z.string(), z.unknown()),
    progress: z.record(z.string(), z.unknown()),
    rowsWritten: z.number(),
    bytesWritten: z.number(),
    error: z.string().nullable(),
    legalHold: z.boolean(),
  }),
  changes: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      label: z.string(),
      change: z.enum(['changed', 'added', 'removed']),
      paths: z.array(ZJsonChange),
      pathsLeftOut: z.number(),
      actors: z.array(ZChangeActor),
    }),
  ),
  next: z.object({ type: z.string(), id: z.string() }).nullable(),
});

/** `snapshots.history`. */
export const ZSnapshotsHistory = z.object({
  versions: z.array(
    z.object({
      body: z.unknown(),
      changes: z.array(ZJsonChange),
      actors: z.array(ZChangeActor),
      firstSnapshot: z.object({ id: z.string(), at: z.string() }),
      lastSnapshot: z.object({ id: z.string(), at: z.string() }),
      deletedIn: z.object({ id: z.string(), at: z.string() }).nullable(),
      reappeared: z.boolean(),
    }),
  ),
  recreatedAs: z.string().nullable(),
  recreatedFrom: z.array(z.string()),
  connectionId: z.string(),
  type: z.string(),
  id: z.string(),
  label: z.string(),
});

/** `snapshots.object`. */
export const ZSnapshotsObject = z.object({
  snapshotId: z.string(),
  connectionId: z.string(),
  type: z.string(),
  id: z.string(),
  label: z.string(),
  body: z.unknown(),
  secrets: z.array(z.string()),
  fields: z.array(
    z.object({ label: z.string(), path: z.string(), value: z.union([z.boolean(), z.string(), z.number()]) }),
  ),
  references: z.array(ZObjectReference).nullable(),
});

const ZEffectiveEntity = z.object({
  kind: z.enum(['orgUnit', 'group']),
  id: z.string(),
  name: z.string(),
  settings: z.array(
    z.object({
      type: z.string(),
      value: z.unknown(),
      policyIds: z.array(z.string()),
      sortOrder: z.number().nullable(),
      from: z.string(),
      inherited: z.boolean(),
    }),
  ),
});

/** A Google snapshot's effective settings per org unit and group (decision 065). */
export const ZSnapshotsEffectiveSettings = z.object({
  snapshotId: z.string(),
  orgUnits: z.array(ZEffectiveEntity),
  groups: z.array(ZEffectiveEntity),
});
