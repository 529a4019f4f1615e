import { z } from 'zod';

/** `extension.compare`. */
export const ZExtensionCompare = z.discriminatedUnion('stored', [
  z.object({
    stored: z.literal(false),
    changed: z.null(),
    lastBackupAt: z.null(),
    changes: z.array(z.never()),
    more: z.number(),
    onlyVolatile: z.undefined().optional(),
  }),
  z.object({
    stored: z.literal(true),
    changed: z.boolean(),
    onlyVolatile: z.boolean(),
    lastBackupAt: z.string(),
    changes: z.array(
      z.object({ path: z.string(), kind: z.enum(['changed', 'added', 'removed']), volatile: z.boolean() }),
    ),
    more: z.number(),
  }),
]);

/** `extension.snapshot`. */
export const ZExtensionSnapshot = z.object({
  snapshotId: z.string(),
  at: z.string(),
  changed: z.boolean(),
  added: z.boolean(),
  connectionId: z.string(),
});

/** `extension.status`. */
export const ZExtensionStatus = z.object({
  connection: z.object({ id: z.string(), name: z.string(), orgUrl: z.string() }),
  type: z.string(),
  id: z.string(),
  label: z.string().nullable(),
  versionCount: z.number(),
  lastBackup: z.object({ snapshotId: z.string(), at: z.string(), kind: z.enum(['object', 'full']) }).nullable(),
  latestFullBackup: z.object({ snapshotId: z.string(), at: z.string() }).nullable(),
  inLatestFullBackup: z.boolean(),
  compliance: z
    .object({
      scan: z.object({ id: z.string(), at: z.string(), snapshotId: z.string() }).nullable(),
      findings: z.union([
        z.array(z.never()),
        z.array(z.object({ ruleId: z.string(), title: z.string(), severity: z.string(), reason: z.string() })),
      ]),
    })
    .nullable(),
  links: z.object({
    history: z.string(),
    object: z.string().nullable(),
    diff: z.string().nullable(),
    restorePreview: z.string().nullable(),
  }),
});
