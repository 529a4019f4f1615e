import type { ResultStatus, Severity } from '../compliance/types.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getScanRow } from './get-scan.ts';
import { latestScans } from './latest-scans.ts';
import { type Framework, byRuleId, mapsTo, toScanResult } from './scans.fns.ts';

export interface TListFindingsInput {
  /** One scan; default: the latest scan of each connection (or of `connectionId`). */
  scanId?: string;
  connectionId?: string;
  /** Default: FAIL only, what needs fixing. */
  results?: ResultStatus[];
  severities?: Severity[];
  framework?: Framework;
  search?: string;
}

/** Results of the latest scans (or one scan) filtered by result, severity, framework and text, worst first. */
export async function listFindings(deps: Deps, tenantId: string, input: TListFindingsInput = {}) {
  await authorize(deps, tenantId, 'compliance.read');
  const scans = input.scanId
    ? [await getScanRow(deps.db, tenantId, input.scanId)]
    : await latestScans(deps.db, tenantId, input.connectionId);
  if (!scans.length) return [];
  let q = deps.db
    .selectFrom('scan_results')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'scan_id',
      'in',
      scans.map((s) => s.id),
    )
    .where('result', 'in', input.results?.length ? input.results : ['FAIL']);
  if (input.severities?.length) q = q.where('severity', 'in', input.severities);
  const needle = input.search?.toLowerCase();
  const scanOf = new Map(scans.map((s) => [s.id, s]));
  return (await q.execute())
    .map((row) => ({ row, r: toScanResult(row) }))
    .filter(({ r }) => !input.framework || mapsTo(r.frameworks, input.framework))
    .filter(({ r }) => !needle || `${r.ruleId} ${r.title} ${r.reason}`.toLowerCase().includes(needle))
    .sort(
      (a, b) =>
        a.r.severity.localeCompare(b.r.severity, 'en') ||
        byRuleId(a.r, b.r) ||
        a.row.scan_id.localeCompare(b.row.scan_id, 'en'),
    )
    .map(({ row, r }) => {
      const scan = scanOf.get(row.scan_id)!;
      return {
        scanId: scan.id,
        connectionId: scan.connection_id,
        connectionName: scan.connection_name,
        snapshotId: scan.snapshot_id,
        ...r,
      };
    });
}
