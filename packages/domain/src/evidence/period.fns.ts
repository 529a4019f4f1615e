import type { ComplianceExceptions, Selectable } from '@butterfly/db';
import { z } from 'zod';
import { compareScans } from '../compliance/engine.ts';
import type { ScanResult } from '../compliance/types.ts';
import { DomainError } from '../errors.ts';
import type {
  PeriodChange,
  PeriodException,
  PeriodRegression,
  PeriodRule,
  PeriodScan,
  PeriodSummary,
} from './types.ts';

/** The longest window one bundle covers: two years (a SOC 2 Type II period is 3 to 12 months). */
export const PERIOD_MAX_DAYS = 731;

/**
 * ISO 8601: a day alone (midnight UTC), or a time with its offset (`Z`, `+02:00`). A time without an
 * offset would be read in the server's zone, so the same input could mean another window elsewhere.
 */
const ISO_INSTANT = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/;
const instant = () =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40)
    .refine(
      (v) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
      'must be an ISO 8601 date, or date and time with its offset (e.g. 2026-10-01T00:00:00Z)',
    );

export const ZPeriodEvidenceInput = z.strictObject({
  /** The connection's id or its name. */
  connection: z.string().trim().min(1, 'is required').max(200),
  from: instant(),
  to: instant(),
});
export type TPeriodEvidenceInput = z.input<typeof ZPeriodEvidenceInput>;

/** The window as instants: `from` before `to`, at most PERIOD_MAX_DAYS long (VALIDATION on the field at fault). */
export function checkWindow(from: string, to: string): { from: Date; to: Date } {
  const [a, b] = [new Date(Date.parse(from)), new Date(Date.parse(to))];
  if (a.getTime() >= b.getTime())
    throw new DomainError('VALIDATION', 'The window must end after it starts', {
      fields: { to: 'must be after from' },
    });
  if (b.getTime() - a.getTime() > PERIOD_MAX_DAYS * 86_400_000) {
    throw new DomainError('VALIDATION', `A window spans ${PERIOD_MAX_DAYS} days at most`, {
      fields: { to: `must be at most ${PERIOD_MAX_DAYS} days after from` },
    });
  }
  return { from: a, to: b };
}

/** What a set of results names: exact objects, and whole types (evidence id `*`); readiness is not in snapshots. */
export function evidenceTargets(results: readonly ScanResult[]) {
  const objects = new Map<string, Set<string>>();
  const wholeTypes = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, ruleId: string) => m.set(k, (m.get(k) ?? new Set()).add(ruleId));
  for (const r of results) {
    for (const e of r.evidence) {
      if (e.type === 'readiness') continue;
      if (e.id === '*') add(wholeTypes, e.type, r.ruleId);
      else add(objects, `${e.type}\u0000${e.id}`, r.ruleId);
    }
  }
  const types = [
    ...new Set([...wholeTypes.keys(), ...[...objects.keys()].map((k) => k.slice(0, k.indexOf('\u0000')))]),
  ].sort();
  /** The rules whose evidence names this object; empty when none does. */
  const rulesOf = (type: string, id: string) =>
    [...new Set([...(wholeTypes.get(type) ?? []), ...(objects.get(`${type}\u0000${id}`) ?? [])])].sort();
  return { types, rulesOf };
}

export interface ScanWithResults {
  scan: PeriodScan;
  results: ScanResult[];
}

/**
 * PASS → FAIL between consecutive scans (the first measured from the baseline), each with the first
 * later scan where the rule passes again. Time to fix runs between the two snapshots' times: what
 * the scans observed, not when someone looked.
 */
export function periodRegressions(
  baseline: ScanWithResults | null,
  scans: readonly ScanWithResults[],
  changes: readonly PeriodChange[],
): PeriodRegression[] {
  const out: PeriodRegression[] = [];
  scans.forEach((cur, i) => {
    const prev = i === 0 ? baseline : scans[i - 1]!;
    if (!prev) return;
    for (const r of compareScans(prev.results, cur.results)) {
      const fix = scans.slice(i + 1).find((s) => s.results.some((x) => x.ruleId === r.ruleId && x.result === 'PASS'));
      const regressedAt = cur.scan.snapshotTakenAt;
      const fixedAt = fix?.scan.snapshotTakenAt ?? null;
      out.push({
        ruleId: r.ruleId,
        title: r.title,
        severity: r.severity,
        reason: r.reason,
        previousScanId: prev.scan.scanId,
        scanId: cur.scan.scanId,
        regressedAt,
        changes: changes
          .filter((c) => c.toScanId === cur.scan.scanId && c.ruleIds.includes(r.ruleId))
          .map((c) => ({ type: c.type, id: c.id, label: c.label, change: c.change, actors: c.actors })),
        fixedInScanId: fix?.scan.scanId ?? null,
        fixedAt,
        timeToFixSeconds: fixedAt ? Math.round((Date.parse(fixedAt) - Date.parse(regressedAt)) / 1000) : null,
      });
    }
  });
  return out;
}

/**
 * An exception as it stood at the window's end: how it ended only if that happened inside the window,
 * so a later revocation does not change the evidence of a past period.
 */
export function exceptionAsOf(r: Selectable<ComplianceExceptions>, to: Date): PeriodException {
  const closedAt = r.closed_at && r.closed_at.getTime() < r.expires_at.getTime() ? r.closed_at : null;
  const endAt = closedAt ?? r.expires_at;
  const revoked = !!closedAt && r.status === 'revoked';
  return {
    id: r.id,
    ruleId: r.rule_id,
    scope: r.object_type && r.object_id ? { objectType: r.object_type, objectId: r.object_id } : null,
    rationale: r.rationale,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    approvedBy: r.approved_by ?? '',
    approvedAt: r.approved_at!.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    ended:
      endAt.getTime() <= to.getTime()
        ? {
            at: endAt.toISOString(),
            how: revoked ? 'revoked' : 'expired',
            by: revoked ? r.closed_by : null,
            reason: revoked ? r.close_reason : null,
          }
        : null,
  };
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = xs.toSorted((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};
const failing = (s: ScanWithResults | null | undefined) =>
  s ? s.results.filter((r) => r.result === 'FAIL').map((r) => r.ruleId) : [];

/** The numbers an auditor samples from, and per control in how many scans it failed. */
export function summarize(input: {
  baseline: ScanWithResults | null;
  scans: readonly ScanWithResults[];
  rules: readonly PeriodRule[];
  changes: readonly PeriodChange[];
  regressions: readonly PeriodRegression[];
  exceptions: readonly PeriodException[];
  notes: string[];
}): PeriodSummary {
  const { scans, regressions, changes } = input;
  const ttf = regressions.flatMap((r) => (r.timeToFixSeconds === null ? [] : [r.timeToFixSeconds]));
  const controls: PeriodSummary['controls'] = [];
  for (const framework of ['soc2', 'iso27001'] as const) {
    const byControl = new Map<string, string[]>();
    for (const rule of input.rules)
      for (const c of rule[framework]) byControl.set(c, [...(byControl.get(c) ?? []), rule.ruleId]);
    for (const [control, ruleIds] of [...byControl].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      const ids = new Set(ruleIds);
      controls.push({
        framework,
        control,
        ruleIds: ruleIds.toSorted(),
        scansFailing: scans.filter((s) => s.results.some((r) => ids.has(r.ruleId) && r.result === 'FAIL')).length,
        regressions: regressions.filter((r) => ids.has(r.ruleId)).length,
      });
    }
  }
  return {
    scans: scans.length,
    firstScanAt: scans[0]?.scan.snapshotTakenAt ?? null,
    lastScanAt: scans.at(-1)?.scan.snapshotTakenAt ?? null,
    failingAtStart: failing(input.baseline ?? scans[0]),
    failingAtEnd: failing(scans.at(-1) ?? input.baseline),
    regressions: regressions.length,
    fixed: regressions.filter((r) => r.fixedAt).length,
    open: regressions.filter((r) => !r.fixedAt).length,
    medianTimeToFixSeconds: median(ttf),
    longestTimeToFixSeconds: ttf.length ? Math.max(...ttf) : null,
    changes: changes.length,
    changesWithActor: changes.filter((c) => c.actors.length).length,
    exceptionsInForce: input.exceptions.length,
    controls,
    notes: input.notes,
  };
}
