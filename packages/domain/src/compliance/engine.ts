import { compareStrings, manual } from './compliance.fns.ts';
import { scopeOf } from './object-types.ts';
import type {
  ComplianceRule,
  ComplianceSnapshot,
  Evidence,
  BreakGlassInput,
  Outcome,
  ReadinessInput,
  Regression,
  ResultCounts,
  ScanResult,
} from './types.ts';

/** Changes whenever a rule's logic, threshold or mapping changes, so a report says what judged it. */
export const RULESET_VERSION = '2026.12.2-stig-v1r2';

/** MANUAL before evaluating when a type the rule needs was not collected (a scope the connection lacks). */
function missingData(rule: ComplianceRule, snapshot: ComplianceSnapshot): Outcome | undefined {
  const missing = rule.reads
    .filter((r) => !r.optional && r.type !== 'readiness' && !snapshot.has(r.type))
    .map((r) => r.type);
  if (missing.length === 0) return undefined;
  // SCuBA rules read Entra or Google types, whose permission names differ from Okta's scopes for the same key (`user`).
  const provider = rule.id.startsWith('MS.AAD.') ? 'entra' : rule.id.startsWith('GWS.') ? 'google' : 'okta';
  const named = missing.map((t) => {
    const scope = scopeOf(t, provider);
    const lacking = scope && snapshot.scopesMissing?.includes(scope);
    return scope ? `${t} (scope ${scope}${lacking ? ', which the connection lacks' : ''})` : t;
  });
  const evidence = missing.map(
    (t): Evidence => ({ type: t, id: '*', path: '(not in snapshot)', value: scopeOf(t, provider) ?? null }),
  );
  return manual(`The snapshot does not hold ${named.join(', ')}.`, evidence);
}

const evidenceKey = (e: Evidence) => [e.type, e.id, e.path, JSON.stringify(e.value)];
function compareEvidence(a: Evidence, b: Evidence): number {
  const ka = evidenceKey(a);
  const kb = evidenceKey(b);
  for (let i = 0; i < ka.length; i++) {
    const c = compareStrings(ka[i]!, kb[i]!);
    if (c) return c;
  }
  return 0;
}

async function evaluate(
  rule: ComplianceRule,
  snapshot: ComplianceSnapshot,
  readiness?: ReadinessInput,
  breakGlass?: BreakGlassInput,
): Promise<Outcome> {
  const missing = missingData(rule, snapshot);
  if (missing) return missing;
  try {
    return await rule.evaluate(snapshot, breakGlass ? { readiness, breakGlass } : { readiness });
  } catch (err) {
    // A malformed object must not sink the scan; the result says the rule could not judge it.
    return manual(`The rule could not evaluate the snapshot: ${err instanceof Error ? err.message : String(err)}.`);
  }
}

/**
 * Runs rules against one snapshot. Deterministic: rules in id order, evidence sorted, so the same
 * snapshot and rule set give the same results (and the same evidence bundle bytes).
 */
export async function runScan(
  rules: readonly ComplianceRule[],
  snapshot: ComplianceSnapshot,
  readiness?: ReadinessInput,
  breakGlass?: BreakGlassInput,
): Promise<ScanResult[]> {
  const results: ScanResult[] = [];
  for (const rule of [...rules].sort((a, b) => compareStrings(a.id, b.id))) {
    const outcome = await evaluate(rule, snapshot, readiness, breakGlass);
    results.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      frameworks: rule.frameworks,
      ...(rule.stig?.ruleId ? { stigRuleId: rule.stig.ruleId } : {}),
      result: outcome.result,
      reason: outcome.reason,
      evidence: [...outcome.evidence].sort(compareEvidence),
    });
  }
  return results;
}

export function countResults(results: readonly { result: ScanResult['result']; accepted?: boolean }[]): ResultCounts {
  const counts: ResultCounts = { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, total: results.length };
  let accepted = 0;
  for (const r of results) {
    counts[r.result]++;
    if (r.accepted && r.result === 'FAIL') accepted++;
  }
  // Only when some are: scans without exceptions keep their counts (and evidence bytes) as before.
  if (accepted) counts.accepted = accepted;
  return counts;
}

/** Rules that passed in `prev` and fail in `next`: what a change between two snapshots broke. */
export function compareScans(prev: readonly ScanResult[], next: readonly ScanResult[]): Regression[] {
  const before = new Map(prev.map((r) => [r.ruleId, r.result]));
  return next
    .filter((r) => before.get(r.ruleId) === 'PASS' && r.result === 'FAIL')
    .map((r) => ({
      ruleId: r.ruleId,
      title: r.title,
      severity: r.severity,
      before: 'PASS' as const,
      after: r.result,
      reason: r.reason,
    }))
    .sort((a, b) => compareStrings(a.ruleId, b.ruleId));
}
