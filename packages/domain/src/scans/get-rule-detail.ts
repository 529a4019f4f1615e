import { ALL_RULES } from '../compliance/rulesets.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { checkIdFilter, toScanResult } from './scans.fns.ts';

const HISTORY = 100;

/**
 * One rule: what it checks and reads (from the current rule set), the STIG's own text for a STIG rule
 * (decision 041), its latest result with evidence (objects by name, the failing ones marked) per
 * connection, and its history across scans (newest first), so a flip shows when it happened.
 */
export async function getRuleDetail(deps: Deps, tenantId: string, input: { ruleId: string; connectionId?: string }) {
  await authorize(deps, tenantId, 'compliance.read');
  checkIdFilter(input.connectionId, 'connection');
  let q = deps.db
    .selectFrom('scan_results as r')
    .innerJoin('scans as s', 's.id', 'r.scan_id')
    .selectAll('r')
    .select(['s.connection_id', 's.connection_name', 's.snapshot_id', 's.snapshot_taken_at', 's.started_at'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.rule_id', '=', input.ruleId);
  if (input.connectionId) q = q.where('s.connection_id', '=', input.connectionId);
  const rows = await q.orderBy('s.snapshot_taken_at', 'desc').orderBy('s.started_at', 'desc').limit(HISTORY).execute();
  const rule = ALL_RULES.find((r) => r.id === input.ruleId);
  if (!rule && !rows.length) throw new DomainError('NOT_FOUND', `No rule ${input.ruleId}`);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.connection_id)) latest.set(r.connection_id, r);
  return {
    rule: rule
      ? {
          id: rule.id,
          title: rule.title,
          severity: rule.severity,
          frameworks: rule.frameworks,
          check: rule.check,
          requirement: rule.requirement ?? null,
          remediation: rule.remediation ?? null,
          reads: rule.reads,
          stig: rule.stig ?? null,
        }
      : null,
    latest: [...latest.values()].map((r) => ({
      scanId: r.scan_id,
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      snapshotId: r.snapshot_id,
      ...toScanResult(r),
    })),
    history: rows.map((r) => ({
      scanId: r.scan_id,
      connectionId: r.connection_id,
      snapshotId: r.snapshot_id,
      snapshotTakenAt: r.snapshot_taken_at.toISOString(),
      result: toScanResult(r).result,
      reason: r.reason,
    })),
  };
}
