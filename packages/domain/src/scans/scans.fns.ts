import type { ScanResults, Scans, Selectable } from '@butterfly/db';
import { Cron } from 'croner';
import { compareStrings } from '../compliance/compliance.fns.ts';
import type {
  Evidence,
  ExceptionAnnotation,
  FrameworkMappings,
  ResultCounts,
  ResultStatus,
  ScanResult,
  Severity,
} from '../compliance/types.ts';
import { isUuid } from '../db.fns.ts';
import { DomainError } from '../errors.ts';

/** Task name of the compliance scan job (packages/jobs registers it under this name). */
export const complianceScanJobKey = (snapshotId: string) => `compliance_scan:${snapshotId}`;

// Lower folders own these; named here too for the scans area's callers.
export { startedByLabel } from '../audit/started-by.fns.ts';
export { type CollectedTypes, collectedTypes, hasType } from '../snapshots/collected-types.fns.ts';

const WEEK_MS = 7 * 86_400_000;

/**
 * A schedule's interval for backup freshness: the longest gap between consecutive runs in the week
 * before `asOf`. The longest, so a weekday-only cron is not judged late over a weekend.
 */
export function scheduleIntervalMinutes(cron: string, timezone: string, asOf: Date): number {
  const c = new Cron(cron, { timezone });
  let gap = 0;
  // Every run in [asOf - 1 week, asOf], plus the first one after; checkCron caps runs at one per 15 minutes.
  for (let prev = c.nextRun(new Date(asOf.getTime() - WEEK_MS)), n = 0; prev && n < 1000; n++) {
    const next = c.nextRun(prev);
    if (!next) break;
    gap = Math.max(gap, next.getTime() - prev.getTime());
    if (next.getTime() > asOf.getTime()) break;
    prev = next;
  }
  return Math.round(gap / 60_000) || 7 * 1440;
}

export const FRAMEWORKS = ['stig', 'soc2', 'iso27001', 'nist80053', 'hipaa', 'pciDss4', 'cisV8'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  stig: 'DISA Okta STIG V1R2',
  soc2: 'SOC 2',
  iso27001: 'ISO 27001:2022',
  nist80053: 'NIST 800-53',
  hipaa: 'HIPAA 45 CFR 164.312',
  pciDss4: 'PCI DSS 4.0',
  cisV8: 'CIS Controls v8',
};

/** Whether a result maps to the framework; scans before rule set 2026.12.2 carry no HIPAA, PCI or CIS mappings. */
export const mapsTo = (f: FrameworkMappings, framework: Framework) =>
  framework === 'stig' ? !!f.stig : (f[framework]?.length ?? 0) > 0;

/**
 * Pass rate per framework over judged rules: MANUAL and NOT_APPLICABLE say nothing either way, so
 * they are counted but left out of the score (null when nothing was judged).
 */
export function frameworkScores(results: readonly { result: ResultStatus; frameworks: FrameworkMappings }[]) {
  return FRAMEWORKS.map((framework) => {
    const counts = { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0 };
    for (const r of results) if (mapsTo(r.frameworks, framework)) counts[r.result]++;
    return { framework, label: FRAMEWORK_LABELS[framework], ...counts, score: scoreOf(counts) };
  });
}

export const scoreOf = (c: { PASS: number; FAIL: number }) =>
  c.PASS + c.FAIL ? Math.round((1000 * c.PASS) / (c.PASS + c.FAIL)) / 10 : null;

/** What lists show of a scan. */
export function toScanView(s: Selectable<Scans>) {
  const counts = s.counts as ResultCounts;
  return {
    id: s.id,
    connectionId: s.connection_id,
    connectionName: s.connection_name,
    snapshotId: s.snapshot_id,
    snapshotSeq: s.snapshot_seq,
    snapshotTakenAt: s.snapshot_taken_at.toISOString(),
    trigger: s.trigger,
    startedBy: s.started_by,
    startedAt: s.started_at.toISOString(),
    finishedAt: s.finished_at.toISOString(),
    rulesetVersion: s.ruleset_version,
    productVersion: s.product_version,
    counts,
    score: scoreOf(counts),
  };
}
export type ScanView = ReturnType<typeof toScanView>;

/** A stored result row as the engine's ScanResult (the rule as it was at scan time). */
export function toScanResult(r: Selectable<ScanResults>): ScanResult {
  return {
    ruleId: r.rule_id,
    title: r.title,
    severity: r.severity as Severity,
    frameworks: r.frameworks as unknown as FrameworkMappings,
    ...(r.stig_rule_id ? { stigRuleId: r.stig_rule_id } : {}),
    result: r.result as ResultStatus,
    reason: r.reason,
    evidence: r.evidence as unknown as Evidence[],
    ...(r.exceptions ? { exceptions: r.exceptions as unknown as ExceptionAnnotation[] } : {}),
    ...(r.accepted ? { accepted: true } : {}),
  };
}

/** Byte order, as the engine sorts: Postgres would sort by its collation. */
export const byRuleId = (a: { ruleId: string }, b: { ruleId: string }) => compareStrings(a.ruleId, b.ruleId);

/** An optional id filter: a malformed one matches nothing, so it is "not found" rather than a database error. */
export function checkIdFilter(id: string | undefined, what: string): void {
  if (id !== undefined && !isUuid(id)) throw new DomainError('NOT_FOUND', `No such ${what}`);
}
