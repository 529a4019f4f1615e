import type { FRAMEWORKS } from '@butterfly/domain/scans';
import { z } from 'zod';
import {
  ZEvidence,
  ZExceptionAnnotation,
  ZFrameworkMappings,
  ZReadSpec,
  ZRegressionChange,
  ZScanResult,
  ZStigRuleText,
} from './shapes.ts';

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

/** `compliance.overview`. */
export const ZComplianceOverview = z.object({
  latest: z.array(
    z.object({
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
    }),
  ),
  frameworks: z.array(
    z.object({
      score: z.number().nullable(),
      PASS: z.number(),
      FAIL: z.number(),
      MANUAL: z.number(),
      NOT_APPLICABLE: z.number(),
      framework: z.enum(['stig', 'soc2', 'iso27001', 'nist80053', 'hipaa', 'pciDss4', 'cisV8']),
      label: z.string(),
    }),
  ),
  trend: z.array(
    z.object({
      scanId: z.string(),
      connectionId: z.string(),
      snapshotId: z.string(),
      snapshotTakenAt: z.string(),
      counts: z.object({
        PASS: z.number(),
        FAIL: z.number(),
        MANUAL: z.number(),
        NOT_APPLICABLE: z.number(),
        total: z.number(),
        accepted: z.number().optional(),
      }),
      score: z.number().nullable(),
    }),
  ),
});

/** `compliance.regressions`. */
export const ZComplianceRegressions = z.array(
  z.object({
    note: z.string().optional(),
    connectionId: z.string(),
    connectionName: z.string(),
    scanId: z.string(),
    previousScanId: z.string(),
    fromSnapshotId: z.string(),
    toSnapshotId: z.string(),
    fromTakenAt: z.string(),
    toTakenAt: z.string(),
    changes: z.array(ZRegressionChange).nullable(),
    ruleId: z.string(),
    title: z.string(),
    severity: z.enum(['CAT I', 'CAT II', 'CAT III']),
    before: z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']),
    after: z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']),
    reason: z.string(),
  }),
);

/** `compliance.rule`. */
export const ZComplianceRule = z.object({
  rule: z
    .object({
      id: z.string(),
      title: z.string(),
      severity: z.enum(['CAT I', 'CAT II', 'CAT III']),
      frameworks: ZFrameworkMappings,
      check: z.string(),
      /** SCuBA MS.AAD rules (decision 058): the baseline's requirement and where to fix it; null for Okta rules. */
      requirement: z.string().nullable(),
      remediation: z.string().nullable(),
      reads: z.array(ZReadSpec),
      stig: ZStigRuleText.nullable(),
    })
    .nullable(),
  latest: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      severity: z.enum(['CAT I', 'CAT II', 'CAT III']),
      frameworks: ZFrameworkMappings,
      stigRuleId: z.string().optional(),
      exceptions: z.array(ZExceptionAnnotation).optional(),
      accepted: z.boolean().optional(),
      result: z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']),
      reason: z.string(),
      evidence: z.array(ZEvidence),
      scanId: z.string(),
      connectionId: z.string(),
      connectionName: z.string(),
      snapshotId: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      scanId: z.string(),
      connectionId: z.string(),
      snapshotId: z.string(),
      snapshotTakenAt: z.string(),
      result: z.enum(['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']),
      reason: z.string(),
    }),
  ),
});

/** `compliance.requestScan`. */
export const ZComplianceRequestScan = z.object({
  connectionId: z.string(),
  snapshotId: z.string(),
  requestedAt: z.string(),
});

/** `compliance.run`. */
export const ZComplianceRun = z.object({
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

/** `compliance.scanProgress`. */
export const ZComplianceScanProgress = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting'), result: z.null() }),
  z.object({
    state: z.literal('done'),
    result: z.object({
      scanId: z.string(),
      snapshotId: z.string(),
      finishedAt: z.string(),
      counts: z.object({
        PASS: z.number(),
        FAIL: z.number(),
        MANUAL: z.number(),
        NOT_APPLICABLE: z.number(),
        total: z.number(),
        accepted: z.number().optional(),
      }),
      score: z.number().nullable(),
      regressions: z.array(z.string()),
    }),
  }),
]);

/** `compliance.scan`. */
export const ZComplianceScan = z.object({
  results: z.array(ZScanResult),
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
