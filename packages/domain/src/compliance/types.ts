/**
 * The compliance model: what a rule reads from a snapshot, what it answers, and what a scan record
 * holds. Rules are pure: they see one snapshot (and, for Butterfly's own readiness rules, a small
 * readiness input), never the live org, so a result can be derived again from stored data.
 */
export { ComplianceObjectTypes, type ComplianceObjectType } from './object-types.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SnapshotObject {
  id: string;
  /** The object exactly as the provider's API returned it (minus `_links`, see object-types.ts). */
  body: unknown;
}

/**
 * A snapshot as rules see it. A storage layer implements it without loading everything: `objects`
 * may be an async iterator over a cursor, and rules that read users only count while they stream.
 */
export interface ComplianceSnapshot {
  /**
   * With `fields` (dotted paths), a storage layer may give each body with only those paths (absent
   * ones stay absent; decision 051): a rule that counts 100k users over three fields says which.
   * `at(body, path)` is the same either way for each path named; a layer may also give whole bodies.
   */
  objects(
    type: string,
    opts?: { fields?: readonly string[] },
  ): Iterable<SnapshotObject> | AsyncIterable<SnapshotObject>;
  get(type: string, id: string): SnapshotObject | undefined | Promise<SnapshotObject | undefined>;
  /** True when the backup collected this type (even if it found none); false when it could not. */
  has(type: string): boolean;
  takenAt: Date;
  /** Read scopes the connection lacked when the snapshot was taken. */
  scopesMissing?: string[];
}

/** Butterfly's own state that readiness rules check; not an Okta object. */
export interface ReadinessInput {
  connections: { id: string; name?: string; schedule: { intervalMinutes: number } | null; lastBackupAt: Date | null }[];
  /**
   * null: Butterfly records restore previews and none has run. Omitted: this installation does not
   * record them (yet), so the rule cannot judge and says so (MANUAL) instead of failing.
   */
  lastRestorePreviewAt?: Date | null;
  /** The moment readiness is judged at; the snapshot's time when omitted, so a re-scan agrees. */
  asOf?: Date;
}

export type ResultStatus = 'PASS' | 'FAIL' | 'MANUAL' | 'NOT_APPLICABLE';
export type Severity = 'CAT I' | 'CAT II' | 'CAT III';

export interface Evidence {
  /** Object type key (or `readiness`), the object's id, the JSON path read, the value found. */
  type: string;
  id: string;
  path: string;
  value: Json;
  /**
   * What the object is called, for a reader who should not have to resolve ids: a policy rule is
   * `Policy › Rule`, an app its label, a token or zone its name. Absent in scans made before, and on
   * users (a login is personal data; results are stored in the clear).
   */
  name?: string;
  /**
   * This object is (one of) what made the result FAIL. Set by rules that judge objects one by one, so
   * a report can name the failing objects and an object-scoped exception (decision 038) can match the
   * one it covers. Absent on objects that passed, and where a rule fails for want of something (no
   * active log stream): then the failure is the rule's as a whole.
   */
  failed?: true;
}

export interface Outcome {
  result: ResultStatus;
  reason: string;
  evidence: Evidence[];
}

export interface FrameworkMappings {
  /** DISA Okta IDaaS STIG V1R2 vulnerability id. */
  stig?: string;
  soc2: string[];
  iso27001: string[];
  nist80053: string[];
  /** HIPAA Security Rule, 45 CFR 164.312 (technical safeguards; backups cite 164.308). Absent in scans made before rule set 2026.12.2. */
  hipaa?: string[];
  /** PCI DSS 4.0, requirement 8 (and 7, 10 where a rule is about privilege or logs). */
  pciDss4?: string[];
  /** CIS Critical Security Controls v8 safeguards. */
  cisV8?: string[];
}

export interface ReadSpec {
  type: string;
  fields: string[];
  /** Read when present; its absence does not make the rule MANUAL. */
  optional?: boolean;
}

/** Break-glass accounts declared on the scanned connection (decision 037), by Okta user id. */
export interface BreakGlassInput {
  userIds: string[];
}

export interface RuleContext {
  readiness?: ReadinessInput;
  /** Omitted: none declared. Coverage rules leave aside policy rules that target only these users. */
  breakGlass?: BreakGlassInput;
}

export interface ComplianceRule {
  id: string;
  title: string;
  severity: Severity;
  frameworks: FrameworkMappings;
  reads: ReadSpec[];
  /** The pass condition in one line, for the guide and the report. */
  check: string;
  /** The requirement in the baseline's own terms, paraphrased (SCuBA rules, decision 058); absent where `stig` says it. */
  requirement?: string;
  /** What to change, naming the admin console path (SCuBA rules); absent where `stig` carries the fix text. */
  remediation?: string;
  /** The DISA STIG's own text for this rule (stig-okta-idaas.ts); absent for rules beyond the STIG. */
  stig?: StigRuleText;
  evaluate(snapshot: ComplianceSnapshot, context: RuleContext): Outcome | Promise<Outcome>;
}

export interface ScanResult extends Outcome {
  ruleId: string;
  title: string;
  severity: Severity;
  frameworks: FrameworkMappings;
  /**
   * The STIG's SV rule id with its revision (SV-273186r1098825_rule), which names the exact STIG text
   * the rule was judged against: reports look the text up by it (`stigTextOf`). Absent for rules beyond
   * the STIG and in scans made before decision 041, whose reports render as they always did.
   */
  stigRuleId?: string;
  /**
   * Active compliance exceptions that cover this failing result (decision 038), when any: the result
   * keeps its real value. `accepted` when they cover all of it (the whole rule, or every object it names).
   */
  exceptions?: ExceptionAnnotation[];
  accepted?: boolean;
}

/** An approved exception as a scan result carries it: who asked, who approved, why, until when. */
export interface ExceptionAnnotation {
  id: string;
  /** One object (type and id as evidence names it), or null for the whole rule. */
  scope: { objectType: string; objectId: string } | null;
  rationale: string;
  expiresAt: string;
  requestedBy: string;
  approvedBy: string;
  approvedAt: string;
}

/** `accepted`: failures covered by exceptions (still counted as FAIL), present only when some are. */
export type ResultCounts = Record<ResultStatus, number> & { total: number; accepted?: number };

/** Everything an evidence bundle is rendered from; stored with the scan so it can be rendered again. */
export interface ScanRecord {
  tenant: { id: string; name: string };
  connection: { id: string; name: string };
  orgUrl: string;
  snapshotId: string;
  /** ISO 8601, UTC. */
  snapshotTakenAt: string;
  scanId: string;
  /** ISO 8601, UTC. */
  scannedAt: string;
  /** Who or what started the scan, e.g. `member:alice@corp.example` or `schedule`. */
  startedBy: string;
  productVersion: string;
  rulesetVersion: string;
  results: ScanResult[];
  counts: ResultCounts;
  /**
   * Set when the export was asked for one framework (`hipaa`, `pciDss4`, …): results and counts hold
   * only the rules mapped to it. Recorded in the signed manifest; absent for a whole-scan export.
   */
  framework?: string;
}

export interface Regression {
  ruleId: string;
  title: string;
  severity: Severity;
  before: ResultStatus;
  after: ResultStatus;
  reason: string;
}

export interface StigRuleText {
  /** Vulnerability (group) id, e.g. V-273186. */
  vulnId: string;
  /** The STIG's rule version, e.g. OKTA-APP-000020: Butterfly's rule id. */
  stigId: string;
  /** SV rule id with its revision, e.g. SV-273186r1098825_rule. Absent when not known (never guessed). */
  ruleId?: string;
  /** The SRG requirement the rule implements (the group title), e.g. SRG-APP-000003. */
  groupTitle: string;
  severity: Severity;
  title: string;
  /** VulnDiscussion. */
  discussion: string;
  checkText: string;
  fixText: string;
  ccis: string[];
  /** The release that first published this rule. */
  since: 'V1R1' | 'V1R2';
  textSource: 'verbatim' | 'summary';
}
