import { isUuid } from '../db.fns.ts';
import type { Db, Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { byRuleId, toScanResult, toScanView } from './scans.fns.ts';

/** A scan row of this tenant (NOT_FOUND for other tenants' ids). Not a permission check. */
export async function getScanRow(db: Db, tenantId: string, scanId: string) {
  const row = isUuid(scanId)
    ? await db
        .selectFrom('scans')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', scanId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'No such scan');
  return row;
}

export async function scanResults(db: Db, tenantId: string, scanId: string) {
  const rows = await db
    .selectFrom('scan_results')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('scan_id', '=', scanId)
    .execute();
  return rows.map(toScanResult).sort(byRuleId);
}

/** One scan with every result and its evidence. */
export async function getScan(deps: Deps, tenantId: string, input: { scanId: string }) {
  await authorize(deps, tenantId, 'compliance.read');
  const scan = await getScanRow(deps.db, tenantId, input.scanId);
  return { ...toScanView(scan), results: await scanResults(deps.db, tenantId, scan.id) };
}
