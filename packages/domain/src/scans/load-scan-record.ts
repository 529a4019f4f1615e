import { countResults } from '../compliance/engine.ts';
import type { ScanRecord } from '../compliance/types.ts';
import type { Db } from '../deps.ts';
import { getScanRow, scanResults } from './get-scan.ts';

/**
 * The evidence record of a scan, from stored data only (the names, URL and versions as they were at
 * scan time), so rendering it again gives the same bytes. Not a permission check: exporting is
 * (see evidence/prepare-evidence-export.ts).
 */
export async function loadScanRecord(db: Db, tenantId: string, scanId: string): Promise<ScanRecord> {
  const s = await getScanRow(db, tenantId, scanId);
  const results = await scanResults(db, tenantId, s.id);
  return {
    tenant: { id: s.tenant_id, name: s.tenant_name },
    connection: { id: s.connection_id, name: s.connection_name },
    orgUrl: s.org_url,
    snapshotId: s.snapshot_id,
    snapshotTakenAt: s.snapshot_taken_at.toISOString(),
    scanId: s.id,
    scannedAt: s.started_at.toISOString(),
    startedBy: s.started_by,
    productVersion: s.product_version,
    rulesetVersion: s.ruleset_version,
    results,
    // Recounted from the rows rather than read from jsonb, so the counts always match the results shown.
    counts: countResults(results),
  };
}
