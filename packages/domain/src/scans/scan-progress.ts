import { z } from 'zod';
import { compareScans } from '../compliance/engine.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { scanResults } from './get-scan.ts';
import { previousScan } from './latest-scans.ts';
import { toScanView } from './scans.fns.ts';

export const ZScanProgressInput = z.object({
  connectionId: z.string().min(1).max(100),
  /** When "Run scan" was clicked: a scan started since then is its result. */
  since: z.iso.datetime(),
});

/**
 * Where a requested scan is: waiting (queued, or running: a scan is stored whole when it ends) or
 * done, with its counts and the rules that passed in the connection's previous scan and fail now.
 */
export async function getScanProgress(deps: Deps, tenantId: string, raw: z.input<typeof ZScanProgressInput>) {
  const input = parseInput(ZScanProgressInput, raw);
  await authorize(deps, tenantId, 'compliance.read');
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const scan = await deps.db
    .selectFrom('scans')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .where('started_at', '>=', new Date(input.since))
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!scan) return { state: 'waiting' as const, result: null };
  const prev = await previousScan(deps.db, scan);
  const regressions = prev
    ? compareScans(await scanResults(deps.db, tenantId, prev.id), await scanResults(deps.db, tenantId, scan.id)).map(
        (r) => r.ruleId,
      )
    : [];
  const view = toScanView(scan);
  return {
    state: 'done' as const,
    result: {
      scanId: view.id,
      snapshotId: view.snapshotId,
      finishedAt: view.finishedAt,
      counts: view.counts,
      score: view.score,
      regressions,
    },
  };
}
