/** @butterfly/domain/scans: the scans area's use-cases and types, for the apps, API and jobs. */
export { FRAMEWORKS, complianceScanJobKey, type Framework, type ScanView } from './scans.fns.ts';
export { runComplianceScan, type TRunComplianceScanInput } from './run-compliance-scan.ts';
export { requestComplianceScan } from './request-compliance-scan.ts';
export { requestLatestScan, ZRequestLatestScanInput } from './request-latest-scan.ts';
export { getScanProgress, ZScanProgressInput } from './scan-progress.ts';
export { listScans } from './list-scans.ts';
export { getScan } from './get-scan.ts';
export { findScanTenant } from './find-scan-tenant.ts';
export { loadScanRecord } from './load-scan-record.ts';
export { listRegressions, type RegressionChange, type RegressionView } from './list-regressions.ts';
export { complianceOverview } from './compliance-overview.ts';
export { listFindings, type TListFindingsInput } from './list-findings.ts';
export { getRuleDetail } from './get-rule-detail.ts';
export { openStoredSnapshot } from '../snapshots/stored-snapshot.ts';
