import type { Scans, Selectable } from '@butterfly/db';
import { countResults } from '../compliance/engine.ts';
import { isUuid } from '../db.fns.ts';
import type { Db, Deps } from '../deps.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { scanResults } from '../scans/get-scan.ts';
import { objectLabel } from '../snapshots/object-label.fns.ts';
import { redactChange } from '../snapshots/redact.fns.ts';
import { parseInput } from '../validation.fns.ts';
import {
  type ScanWithResults,
  type TPeriodEvidenceInput,
  ZPeriodEvidenceInput,
  checkWindow,
  evidenceTargets,
  exceptionAsOf,
  periodRegressions,
  summarize,
} from './period.fns.ts';
import type { PeriodChange, PeriodRecord, PeriodRule } from './types.ts';

const MAX_PATHS = 200;

/** One of the tenant's connections by id or name (a deleted one with kept snapshots too); NOT_FOUND otherwise. */
async function findConnection(db: Db, tenantId: string, idOrName: string) {
  let q = db.selectFrom('connections').select(['id', 'name', 'org_url']).where('tenant_id', '=', tenantId);
  q = isUuid(idOrName)
    ? q.where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    : q.where('name', '=', idOrName);
  const row = await q.orderBy('deleted_at', (ob) => ob.desc().nullsFirst()).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No connection "${idOrName}" in this tenant`);
  return row;
}

async function withResults(db: Db, tenantId: string, s: Selectable<Scans>): Promise<ScanWithResults> {
  const results = await scanResults(db, tenantId, s.id);
  return {
    results,
    scan: {
      scanId: s.id,
      snapshotId: s.snapshot_id,
      snapshotTakenAt: s.snapshot_taken_at.toISOString(),
      scannedAt: s.started_at.toISOString(),
      startedBy: s.started_by,
      productVersion: s.product_version,
      rulesetVersion: s.ruleset_version,
      counts: countResults(results),
      results: results.map((r) => ({
        ruleId: r.ruleId,
        result: r.result,
        reason: r.reason,
        ...(r.accepted ? { accepted: true } : {}),
        ...(r.exceptions?.length ? { exceptionIds: r.exceptions.map((e) => e.id).sort() } : {}),
      })),
    },
  };
}

/** The changes between two consecutive scans' snapshots that touched an object a rule of either scan reads. */
async function changesBetween(
  deps: Deps,
  tenantId: string,
  prev: ScanWithResults,
  cur: ScanWithResults,
  notes: string[],
): Promise<PeriodChange[]> {
  if (prev.scan.snapshotId === cur.scan.snapshotId) return [];
  const targets = evidenceTargets([...prev.results, ...cur.results]);
  if (!targets.types.length) return [];
  const out: PeriodChange[] = [];
  try {
    for await (const c of diffSnapshots(deps, tenantId, {
      from: prev.scan.snapshotId,
      to: cur.scan.snapshotId,
      types: targets.types,
    })) {
      const ruleIds = targets.rulesOf(c.type, c.id);
      if (!ruleIds.length) continue;
      out.push({
        fromScanId: prev.scan.scanId,
        toScanId: cur.scan.scanId,
        type: c.type,
        id: c.id,
        label: objectLabel(c.after ?? c.before, c.id),
        change: c.change,
        paths: c.paths.slice(0, MAX_PATHS).map(redactChange),
        pathsLeftOut: Math.max(0, c.paths.length - MAX_PATHS),
        actors: c.actors,
        ruleIds,
      });
    }
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
    notes.push(
      `The changes between scans ${prev.scan.scanId} and ${cur.scan.scanId} cannot be shown: a snapshot of the pair was pruned by retention.`,
    );
    return [];
  }
  return out;
}

/**
 * The evidence of an audit period for one connection (decision 040): every scan whose snapshot was
 * taken in [from, to], the changes to what the rules read between consecutive scans with their
 * System Log actors, the regressions and when each was fixed, and the exceptions in force. Stored
 * data only, nothing about the moment of export, so the same window gives the same record.
 * Checks `evidence.export`; an empty window is not an error, the summary says so.
 */
export async function collectPeriodEvidence(
  deps: Deps,
  tenantId: string,
  raw: TPeriodEvidenceInput,
): Promise<PeriodRecord> {
  const input = parseInput(ZPeriodEvidenceInput, raw);
  const { from, to } = checkWindow(input.from, input.to);
  await authorize(deps, tenantId, 'evidence.export');
  const connection = await findConnection(deps.db, tenantId, input.connection);

  const scansOf = () =>
    deps.db
      .selectFrom('scans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', connection.id);
  const rows = await scansOf()
    .where('snapshot_taken_at', '>=', from)
    .where('snapshot_taken_at', '<=', to)
    .orderBy('snapshot_seq')
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const before = await scansOf()
    .where('snapshot_taken_at', '<', from)
    .orderBy('snapshot_seq', 'desc')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const baseline = before ? await withResults(deps.db, tenantId, before) : null;
  const scans: ScanWithResults[] = [];
  for (const r of rows) scans.push(await withResults(deps.db, tenantId, r));

  const notes: string[] = [];
  if (!scans.length) notes.push('No compliance scan of this connection was made of a snapshot taken in this window.');
  if (!baseline)
    notes.push(
      'No scan before the window: the first scan in it is the starting point, and regressions are counted from it.',
    );
  if (to.getTime() > deps.clock().getTime())
    notes.push('The window had not ended when this was exported: scans made later are not in it.');

  const changes: PeriodChange[] = [];
  const series = baseline ? [baseline, ...scans] : scans;
  for (let i = 1; i < series.length; i++)
    changes.push(...(await changesBetween(deps, tenantId, series[i - 1]!, series[i]!, notes)));
  if (changes.some((c) => !c.actors.length))
    notes.push(
      'Some changes name no actor: the System Log was not readable for that backup (scope okta.logs.read), or names none of their objects.',
    );

  const rules = new Map<string, PeriodRule>();
  for (const r of series.flatMap((s) => s.results)) {
    rules.set(r.ruleId, {
      ruleId: r.ruleId,
      title: r.title,
      severity: r.severity,
      soc2: [...r.frameworks.soc2],
      iso27001: [...r.frameworks.iso27001],
    });
  }
  const exceptionRows = await deps.db
    .selectFrom('compliance_exceptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .where('approved_at', 'is not', null)
    .where('approved_at', '<=', to)
    .where('expires_at', '>', from)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', from)]))
    .where('status', 'in', ['active', 'revoked', 'expired'])
    .orderBy('approved_at')
    .orderBy('id')
    .execute();
  const exceptions = exceptionRows.map((r) => exceptionAsOf(r, to));
  const regressions = periodRegressions(baseline, scans, changes);
  const latest = rows.at(-1) ?? before;
  const tenantName =
    latest?.tenant_name ??
    (await deps.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
  return {
    tenant: { id: tenantId, name: tenantName },
    connection: { id: connection.id, name: latest?.connection_name ?? connection.name },
    orgUrl: latest?.org_url ?? null,
    window: { from: from.toISOString(), to: to.toISOString() },
    baseline: baseline?.scan ?? null,
    scans: scans.map((s) => s.scan),
    rules: [...rules.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
    changes,
    regressions,
    exceptions,
    summary: summarize({ baseline, scans, rules: [...rules.values()], changes, regressions, exceptions, notes }),
  };
}
