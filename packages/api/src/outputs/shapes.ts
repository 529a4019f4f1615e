import { z } from 'zod';
import { ZJson } from './json.ts';

/** Shapes the domain names (its types of the same name), shared by the procedures' output schemas. */

/** The domain's `AuditVerification`. */
export const ZAuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  problems: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('changed'), seq: z.number(), id: z.number(), detail: z.string() }),
      z.object({ kind: z.literal('missing'), seq: z.number(), detail: z.string() }),
      z.object({ kind: z.literal('out_of_order'), seq: z.number(), id: z.number(), detail: z.string() }),
      z.object({ kind: z.literal('truncated'), seq: z.number(), detail: z.string() }),
    ]),
  ),
});

/** The domain's `JsonChange`. */
export const ZJsonChange = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  kind: z.enum(['changed', 'added', 'removed']),
});

/** The domain's `RegressionChange`. */
export const ZRegressionChange = z.object({
  type: z.string(),
  id: z.string(),
  change: z.enum(['changed', 'added', 'removed']),
  paths: z.array(ZJsonChange),
  actors: z.array(z.unknown()).optional(),
});

/** The domain's `FrameworkMappings`. */
export const ZFrameworkMappings = z.object({
  stig: z.string().optional(),
  soc2: z.array(z.string()),
  iso27001: z.array(z.string()),
  nist80053: z.array(z.string()),
  hipaa: z.array(z.string()).optional(),
  pciDss4: z.array(z.string()).optional(),
  cisV8: z.array(z.string()).optional(),
});

/** The domain's `ReadSpec`. */
export const ZReadSpec = z.object({ type: z.string(), fields: z.array(z.string()), optional: z.boolean().optional() });

/** The domain's `StigRuleText`. */
export const ZStigRuleText = z.object({
  vulnId: z.string(),
  stigId: z.string(),
  ruleId: z.string().optional(),
  groupTitle: z.string(),
  severity: z.enum(['CAT I', 'CAT II', 'CAT III']),
  title: z.string(),
  discussion: z.string(),
  checkText: z.string(),
  fixText: z.string(),
  ccis: z.array(z.string()),
  since: z.enum(['V1R1', 'V1R2']),
  textSource: z.enum(['verbatim', 'summary']),
});

/** The domain's `ExceptionAnnotation`. */
export const ZExceptionAnnotation = z.object({
  id: z.string(),
  scope: z.object({ objectType: z.string(), objectId: z.string() }).nullable(),
  rationale: z.string(),
  expiresAt: z.string(),
  requestedBy: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
});

/** The domain's `Evidence`. */
export const ZEvidence = z.object({
  type: z.string(),
  id: z.string(),
  path: z.string(),
  value: ZJson,
  name: z.string().optional(),
  failed: z.literal(true).optional(),
});

/** The domain's `ScanResult`. */
export const ZScanResult = z.object({
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
});

/** The domain's `IdpAccessReport`. */
export const ZIdpAccessReport = z.object({
  ok: z.boolean(),
  connected: z.boolean().optional(),
  granted: z.array(z.string()).optional(),
  missing: z.array(z.object({ scope: z.string(), leavesOut: z.array(z.string()) })),
  optionalMissing: z.array(z.object({ scope: z.string(), leavesOut: z.array(z.string()) })).optional(),
  unavailable: z.array(z.object({ type: z.string(), reason: z.string() })).optional(),
  detail: z.string().optional(),
  code: z.enum(['ADDRESS_REFUSED', 'URL_REFUSED']).optional(),
});

/** The domain's `PeriodSummary`. */
export const ZPeriodSummary = z.object({
  scans: z.number(),
  firstScanAt: z.string().nullable(),
  lastScanAt: z.string().nullable(),
  failingAtStart: z.array(z.string()),
  failingAtEnd: z.array(z.string()),
  regressions: z.number(),
  fixed: z.number(),
  open: z.number(),
  medianTimeToFixSeconds: z.number().nullable(),
  longestTimeToFixSeconds: z.number().nullable(),
  changes: z.number(),
  changesWithActor: z.number(),
  exceptionsInForce: z.number(),
  controls: z.array(
    z.object({
      framework: z.enum(['soc2', 'iso27001']),
      control: z.string(),
      ruleIds: z.array(z.string()),
      scansFailing: z.number(),
      regressions: z.number(),
    }),
  ),
  notes: z.array(z.string()),
});

/** The domain's `PreviewProgress`. */
export const ZPreviewProgress = z.object({
  phase: z.enum([
    'done',
    'queued',
    'failed',
    'reading snapshot',
    'reading live org',
    'comparing',
    'ordering',
    'storing',
    'applying',
  ]),
  done: z.number(),
  total: z.number(),
});

/** The domain's `PlanSummary`. */
export const ZPlanSummary = z.object({
  steps: z.number(),
  byAction: z.object({
    create: z.number().optional(),
    update: z.number().optional(),
    reactivate: z.number().optional(),
    delete: z.number().optional(),
    skip: z.number().optional(),
  }),
  blastRadius: z.number(),
  newIds: z.number(),
  caveats: z.number(),
  threshold: z.number(),
  lockout: z.object({ steps: z.number(), admins: z.array(z.string()) }).optional(),
  compared: z.number().optional(),
  unchangedChildren: z.number().optional(),
  comparedBy: z
    .object({
      mode: z.enum(['log', 'full']),
      since: z.string().optional(),
      named: z.number().optional(),
      trusted: z.number().optional(),
      fullTypes: z.array(z.string()).optional(),
      reason: z.string().optional(),
      message: z.string(),
    })
    .optional(),
  timings: z.record(z.string(), z.number()).optional(),
});

/** The domain's `ObjectRef`. */
export const ZObjectRef = z.object({ type: z.string(), id: z.string() });

/** The domain's `Rewrite`. */
export const ZRewrite = z.object({ path: z.string(), type: z.string(), oldId: z.string() });

/** The domain's `TIssuerCheck`. */
export const ZTIssuerCheck = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/** The domain's `ChangeActor`. */
export const ZChangeActor = z.object({ actor: z.string(), at: z.string(), eventType: z.string() });

/** The domain's `ObjectReference`. */
export const ZObjectReference = z.object({
  path: z.string(),
  value: z.string(),
  target: z.object({ type: z.string(), id: z.string(), label: z.string() }).nullable(),
});

/** The domain's `BreakGlassAccountView`. */
export const ZBreakGlassAccountView = z.object({
  oktaUserId: z.string(),
  login: z.string().nullable(),
  displayName: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
});

/** The domain's `ExceptionView`. */
export const ZExceptionView = z.object({
  id: z.string(),
  connectionId: z.string(),
  ruleId: z.string(),
  scope: z.object({ objectType: z.string(), objectId: z.string() }).nullable(),
  rationale: z.string(),
  expiresAt: z.string(),
  status: z.enum(['active', 'revoked', 'requested', 'rejected', 'expired']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});

/** What cannot be restored exactly as it was, per restore step and per plan (the domain's `Caveat`). */
export const ZCaveat = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), path: z.string(), message: z.string() }),
  z.object({ kind: z.literal('verify'), message: z.string() }),
  z.object({
    kind: z.literal('new_id'),
    referencedBy: z.array(z.object({ type: z.string(), id: z.string(), path: z.string(), rewritten: z.boolean() })),
    message: z.string(),
  }),
  z.object({ kind: z.literal('credentials'), message: z.string() }),
  z.object({ kind: z.literal('system'), message: z.string() }),
  z.object({
    kind: z.literal('blast_radius'),
    provision: z.number(),
    deprovision: z.number(),
    message: z.string(),
  }),
  z.object({ kind: z.literal('cycle'), with: z.array(ZObjectRef), message: z.string() }),
  z.object({ kind: z.literal('not_restorable'), message: z.string() }),
  z.object({
    kind: z.literal('not_compared'),
    type: z.string(),
    count: z.number(),
    reason: z.string(),
    names: z.array(z.string()),
    message: z.string(),
  }),
  z.object({ kind: z.literal('derived'), from: z.string(), message: z.string() }),
  z.object({ kind: z.literal('not_in_snapshot'), message: z.string() }),
  z.object({ kind: z.literal('missing_scope'), scopes: z.array(z.string()), message: z.string() }),
  z.object({ kind: z.literal('from_deleted'), deletedAt: z.string().optional(), message: z.string() }),
  z.object({ kind: z.literal('report_only'), state: z.string(), message: z.string() }),
  z.object({ kind: z.literal('lockout'), reason: z.string(), admins: z.array(z.string()), message: z.string() }),
  z.object({
    kind: z.literal('manual'),
    where: z.string(),
    set: z.array(z.string()),
    appliesTo: z.string().optional(),
    message: z.string(),
  }),
]);
