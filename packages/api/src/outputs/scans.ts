import type { FRAMEWORKS } from '@butterfly/domain/scans';
import { z } from 'zod';

const ZResult = z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']);
const ZSeverity = z.enum(['CAT I', 'CAT II', 'CAT III']);

/** A scan as lists show it (ScanView). */
export const ZScanView = z.object({
  id: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  snapshotId: z.string(),
  snapshotSeq: z.number(),
  snapshotTakenAt: z.string(),
  trigger: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  rulesetVersion: z.string(),
  productVersion: z.string(),
  counts: z.object({
    PASS: z.number(),
    FAIL: z.number(),
    MANUAL: z.number(),
    NOT_APPLICABLE: z.number(),
    total: z.number(),
    accepted: z.number().optional(),
  }),
  score: z.number().nullable(),
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const ZJson: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(ZJson), z.record(z.string(), ZJson)]),
);

const ZEvidence = z.object({
  type: z.string(),
  id: z.string(),
  path: z.string(),
  /** The value read, as JSON. */
  value: ZJson,
  name: z.string().optional(),
});

/** One result of the latest scans (`compliance.findings`), with its scan and connection. */
export const ZFinding = z.object({
  scanId: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  snapshotId: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: ZSeverity,
  frameworks: z.object({
    soc2: z.array(z.string()),
    iso27001: z.array(z.string()),
    nist80053: z.array(z.string()),
    stig: z.string().optional(),
    hipaa: z.array(z.string()).optional(),
    pciDss4: z.array(z.string()).optional(),
    cisV8: z.array(z.string()).optional(),
  } satisfies Record<(typeof FRAMEWORKS)[number], z.ZodType>),
  result: ZResult,
  reason: z.string(),
  evidence: z.array(ZEvidence),
  exceptions: z
    .array(
      z.object({
        id: z.string(),
        expiresAt: z.string(),
        rationale: z.string(),
        scope: z.object({ objectType: z.string(), objectId: z.string() }).nullable(),
        requestedBy: z.string(),
        approvedBy: z.string(),
        approvedAt: z.string(),
      }),
    )
    .optional(),
  accepted: z.boolean().optional(),
});
