import { z } from 'zod';

const ZRoleGroups = z.object({
  super_admin: z.string(),
  admin: z.string(),
  backup_operator: z.string(),
  auditor: z.string(),
  read_only: z.string(),
});

/** The domain's `DirectorySyncStatus` (decision 064). */
export const ZDirectorySyncStatus = z.object({
  connectionId: z.string(),
  enabled: z.boolean(),
  groups: ZRoleGroups,
  running: z.boolean(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lagSeconds: z.number().nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  missingGroups: z.array(z.string()),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  watch: z.object({ expiresAt: z.string(), expired: z.boolean(), lastCallAt: z.string().nullable() }).nullable(),
});

export const ZDirectorySyncSet = z.object({ enabled: z.boolean(), groups: ZRoleGroups });
export const ZDirectorySyncRun = z.object({ jobId: z.string() });
