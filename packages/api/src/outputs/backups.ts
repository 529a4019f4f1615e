import { z } from 'zod';

/** `backups.run`: the job queued now, or the backup already queued or running (nothing new queued). */
export const ZBackupRequest = z.discriminatedUnion('alreadyRunning', [
  z.object({
    alreadyRunning: z.literal(false),
    connectionId: z.string(),
    state: z.literal('queued'),
    jobId: z.string(),
    snapshotId: z.null(),
    since: z.date(),
    by: z.string(),
  }),
  z.object({
    alreadyRunning: z.literal(true),
    connectionId: z.string(),
    state: z.enum(['queued', 'running']),
    jobId: z.string().nullable(),
    snapshotId: z.string().nullable(),
    since: z.date(),
    by: z.string(),
  }),
]);

/** `backups.progress`. */
export const ZBackupsProgress = z.object({
  connectionId: z.string(),
  running: z
    .object({
      snapshotId: z.string(),
      startedAt: z.string(),
      phase: z.string(),
      objects: z.number(),
      requests: z.number(),
      rateLimitWaits: z.number(),
      rateLimitWaitMs: z.number().nullable(),
      expectedObjects: z.number().nullable(),
      stale: z.boolean(),
    })
    .nullable(),
  latest: z
    .object({
      snapshotId: z.string(),
      status: z.enum(['complete', 'failed']),
      startedAt: z.string(),
      completedAt: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});
