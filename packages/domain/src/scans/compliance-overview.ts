import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { scanResults } from './get-scan.ts';
import { latestScans } from './latest-scans.ts';
import { countResults } from '../compliance/engine.ts';
import { type Framework, checkIdFilter, frameworkScores, mapsTo, scoreOf, toScanView } from './scans.fns.ts';

const TREND_POINTS = 60;

/**
 * The dashboard's compliance page: the latest scan of each connection, a score per framework over
 * those latest scans together, and the trend of scores over snapshots (oldest first, for a chart).
 * With `framework`, the scores and each latest scan's counts cover only the rules mapped to it (the
 * trend stays over all rules: it is read from stored counts, not from every result of 60 scans).
 */
export async function complianceOverview(
  deps: Deps,
  tenantId: string,
  input: { connectionId?: string; framework?: Framework } = {},
) {
  await authorize(deps, tenantId, 'compliance.read');
  checkIdFilter(input.connectionId, 'connection');
  const latest = await latestScans(deps.db, tenantId, input.connectionId);
  const perScan = await Promise.all(
    latest.map(async (s) =>
      (await scanResults(deps.db, tenantId, s.id)).filter(
        (r) => !input.framework || mapsTo(r.frameworks, input.framework),
      ),
    ),
  );
  const results = perScan.flat();
  let trendQuery = deps.db.selectFrom('scans').selectAll().where('tenant_id', '=', tenantId);
  if (input.connectionId) trendQuery = trendQuery.where('connection_id', '=', input.connectionId);
  const trend = await trendQuery
    .orderBy('snapshot_taken_at', 'desc')
    .orderBy('started_at', 'desc')
    .limit(TREND_POINTS)
    .execute();
  return {
    latest: latest.map((s, i) => {
      const v = toScanView(s);
      if (!input.framework) return v;
      const counts = countResults(perScan[i]!);
      return { ...v, counts, score: scoreOf(counts) };
    }),
    frameworks: frameworkScores(results).filter((f) => !input.framework || f.framework === input.framework),
    trend: trend.reverse().map((s) => {
      const v = toScanView(s);
      return {
        scanId: v.id,
        connectionId: v.connectionId,
        snapshotId: v.snapshotId,
        snapshotTakenAt: v.snapshotTakenAt,
        counts: v.counts,
        score: v.score,
      };
    }),
  };
}
