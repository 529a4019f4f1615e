import { z } from 'zod';

/** `setup.status`. */
export const ZSetupStatus = z.object({
  connections: z.number(),
  backedUp: z.boolean(),
  schedules: z.number(),
  sso: z.boolean(),
  scimTokens: z.number(),
  members: z.number(),
  lastBackup: z
    .object({ snapshotId: z.string(), completedAt: z.string(), connectionId: z.string(), connectionName: z.string() })
    .nullable(),
  openFindings: z.number().nullable(),
});
