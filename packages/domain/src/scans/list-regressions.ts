import type { Scans, Selectable } from '@butterfly/db';
import { compareScans } from '../compliance/engine.ts';
import type { ScanResult } from '../compliance/types.ts';
import type { Deps } from '../deps.ts';
import { type ObjectChange, diffSnapshots } from '../diff/diff-snapshots.ts';
import { isDomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { getScanRow, scanResults } from './get-scan.ts';
import { latestScans, previousScan } from './latest-scans.ts';

/** A change that touched an object the failing rule looked at, with who made it when the diff knows. */
export interface RegressionChange {
  type: string;
  id: string;
  change: ObjectChange['change'];
  paths: ObjectChange['paths'];
  /** System Log actors of the change, when the diff attributes changes (okta.logs.read). */
  actors?: unknown[];
}

/** What the evidence names: exact objects, or a whole type for counts (id `*`). Readiness is not in snapshots. */
function evidenceTargets(results: (ScanResult | undefined)[]) {
  const objects = new Set<string>();
  const wholeTypes = new Set<string>();
  for (const e of results.flatMap((r) => r?.evidence ?? [])) {
    if (e.type === 'readiness') continue;
    if (e.id === '*') wholeTypes.add(e.type);
    else objects.add(`${e.type}\u0000${e.id}`);
  }
  const types = [...new Set([...wholeTypes, ...[...objects].map((k) => k.slice(0, k.indexOf('\u0000')))])];
  return { types, touches: (c: ObjectChange) => wholeTypes.has(c.type) || objects.has(`${c.type}\u0000${c.id}`) };
}

// Read structurally: diffs gained System Log actors (changes/attribute-changes.ts) after this was written.
const toChange = (c: ObjectChange): RegressionChange => {
  const actors = (c as { actors?: unknown[] }).actors;
  return { type: c.type, id: c.id, change: c.change, paths: c.paths, ...(actors?.length ? { actors } : {}) };
};

async function regressionsOf(deps: Deps, tenantId: string, scan: Selectable<Scans>) {
  const prev = await previousScan(deps.db, scan);
  if (!prev) return [];
  const [before, after] = [
    await scanResults(deps.db, tenantId, prev.id),
    await scanResults(deps.db, tenantId, scan.id),
  ];
  const regressions = compareScans(before, after);
  const out = [];
  for (const r of regressions) {
    const targets = evidenceTargets([
      after.find((x) => x.ruleId === r.ruleId),
      before.find((x) => x.ruleId === r.ruleId),
    ]);
    let changes: RegressionChange[] | null = [];
    let note: string | undefined;
    try {
      if (targets.types.length) {
        for await (const c of diffSnapshots(deps, tenantId, {
          from: prev.snapshot_id,
          to: scan.snapshot_id,
          types: targets.types,
        })) {
          if (targets.touches(c)) changes.push(toChange(c));
        }
      }
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
      changes = null;
      note = 'A snapshot of the pair was pruned by retention, so the changes between them can no longer be shown.';
    }
    const attributed = changes?.some((c) => c.actors?.length);
    if (changes?.length && !attributed)
      note = 'The diff does not name who made these changes (System Log actors are not available for this pair).';
    out.push({
      ...r,
      connectionId: scan.connection_id,
      connectionName: scan.connection_name,
      scanId: scan.id,
      previousScanId: prev.id,
      fromSnapshotId: prev.snapshot_id,
      toSnapshotId: scan.snapshot_id,
      fromTakenAt: prev.snapshot_taken_at.toISOString(),
      toTakenAt: scan.snapshot_taken_at.toISOString(),
      changes,
      ...(note ? { note } : {}),
    });
  }
  return out;
}

/**
 * Rules that passed in a connection's previous scan and fail in this one, each linked to the changes
 * between the two snapshots that touched the objects in the rule's evidence (before or after), and to
 * their System Log actors when the diff carries them. Of one scan, or of each connection's latest.
 */
export async function listRegressions(
  deps: Deps,
  tenantId: string,
  input: { scanId?: string; connectionId?: string } = {},
) {
  await authorize(deps, tenantId, 'compliance.read');
  const scans = input.scanId
    ? [await getScanRow(deps.db, tenantId, input.scanId)]
    : await latestScans(deps.db, tenantId, input.connectionId);
  const out = [];
  for (const s of scans) out.push(...(await regressionsOf(deps, tenantId, s)));
  return out;
}
export type RegressionView = Awaited<ReturnType<typeof listRegressions>>[number];
