import { router } from '../../trpc.ts';
import { listFindingsProcedure } from './findings.ts';
import { complianceOverviewProcedure } from './overview.ts';
import { regressionsProcedure } from './regressions.ts';
import { ruleDetailProcedure } from './rule.ts';
import { runScanProcedure } from './run.ts';
import { getScanProcedure } from './scan.ts';
import { listScansProcedure } from './scans.ts';

export const complianceRouter = router({
  overview: complianceOverviewProcedure,
  findings: listFindingsProcedure,
  rule: ruleDetailProcedure,
  regressions: regressionsProcedure,
  run: runScanProcedure,
  scans: listScansProcedure,
  scan: getScanProcedure,
});
