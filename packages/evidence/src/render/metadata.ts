import type { ScanRecord } from '@butterfly/domain/compliance';

/** The provenance an auditor asks for first (time, scope, author, versions), in the order shown. */
export function metadataRows(r: ScanRecord): [string, string][] {
  return [
    ['Tenant', `${r.tenant.name} (${r.tenant.id})`],
    ['Connection', `${r.connection.name} (${r.connection.id})`],
    ['Okta org', r.orgUrl],
    ['Snapshot', r.snapshotId],
    ['Snapshot taken (UTC)', r.snapshotTakenAt],
    ['Scan', r.scanId],
    ['Scanned (UTC)', r.scannedAt],
    ['Started by', r.startedBy],
    ['Product version', r.productVersion],
    ['Rule set version', r.rulesetVersion],
  ];
}
