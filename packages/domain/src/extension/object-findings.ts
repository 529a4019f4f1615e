import { sql } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { latestScans } from '../scans/latest-scans.ts';
import { byRuleId } from '../scans/scans.fns.ts';

/**
 * The failing rules of the connection's latest scan whose evidence names this object, or one of its
 * children (a policy's rules: `policy.X.rule` ids are `<policyId>/<ruleId>`). Evidence is what the
 * rule read, so "names the object" is exactly "this object is why the rule failed (or part of it)".
 */
export async function objectFindings(
  db: Db,
  tenantId: string,
  connectionId: string,
  ref: { type: string; id: string },
) {
  const [scan] = await latestScans(db, tenantId, connectionId);
  if (!scan) return { scan: null, findings: [] };
  const rows = await db
    .selectFrom('scan_results as r')
    .select(['r.rule_id', 'r.title', 'r.severity', 'r.reason'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.scan_id', '=', scan.id)
    .where('r.result', '=', 'FAIL')
    .where(
      sql<boolean>`exists (select 1 from jsonb_array_elements(r.evidence) ev
        where (ev->>'type' = ${ref.type} and ev->>'id' = ${ref.id})
           or (starts_with(ev->>'type', ${`${ref.type}.`}) and starts_with(ev->>'id', ${`${ref.id}/`})))`,
    )
    .execute();
  const findings = rows
    .map((r) => ({ ruleId: r.rule_id, title: r.title, severity: r.severity, reason: r.reason }))
    .sort((a, b) => a.severity.localeCompare(b.severity, 'en') || byRuleId(a, b));
  return { scan: { id: scan.id, at: scan.finished_at.toISOString(), snapshotId: scan.snapshot_id }, findings };
}
