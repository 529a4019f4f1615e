import { router } from '../../trpc.ts';
import { listFindingsProcedure } from './findings.ts';
import { complianceOverviewProcedure } from './overview.ts';
import { regressionsProcedure } from './regressions.ts';
import { ruleDetailProcedure } from './rule.ts';
import { requestScanProcedure } from './request-scan.ts';
import { runScanProcedure } from './run.ts';
import { scanProgressProcedure } from './scan-progress.ts';
import { getScanProcedure } from './scan.ts';
import { listScansProcedure } from './scans.ts';

export const complianceRouter = router({
  overview: complianceOverviewProcedure,
  findings: listFindingsProcedure,
  rule: ruleDetailProcedure,
  regressions: regressionsProcedure,
  run: runScanProcedure,
  requestScan: requestScanProcedure,
  scanProgress: scanProgressProcedure,
  scans: listScansProcedure,
  scan: getScanProcedure,
});
