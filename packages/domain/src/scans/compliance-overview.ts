import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { scanResults } from './get-scan.ts';
import { latestScans } from './latest-scans.ts';
import { checkIdFilter, frameworkScores, toScanView } from './scans.fns.ts';

const TREND_POINTS = 60;

/**
 * The dashboard's compliance page: the latest scan of each connection, a score per framework over
 * those latest scans together, and the trend of scores over snapshots (oldest first, for a chart).
 */
export async function complianceOverview(deps: Deps, tenantId: string, input: { connectionId?: string } = {}) {
  await authorize(deps, tenantId, 'compliance.read');
  checkIdFilter(input.connectionId, 'connection');
  const latest = await latestScans(deps.db, tenantId, input.connectionId);
  const results = (await Promise.all(latest.map((s) => scanResults(deps.db, tenantId, s.id)))).flat();
  let trendQuery = deps.db.selectFrom('scans').selectAll().where('tenant_id', '=', tenantId);
  if (input.connectionId) trendQuery = trendQuery.where('connection_id', '=', input.connectionId);
  const trend = await trendQuery.orderBy('snapshot_taken_at', 'desc').orderBy('started_at', 'desc').limit(TREND_POINTS).execute();
  return {
    latest: latest.map(toScanView),
    frameworks: frameworkScores(results),
    trend: trend.reverse().map((s) => {
      const v = toScanView(s);
      return { scanId: v.id, connectionId: v.connectionId, snapshotId: v.snapshotId, snapshotTakenAt: v.snapshotTakenAt, counts: v.counts, score: v.score };
    }),
  };
}
