import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { breakGlassUserIds } from '../break-glass/break-glass.fns.ts';
import { countResults, runScan } from '../compliance/engine.ts';
import { rulesetFor } from '../compliance/rulesets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { applyExceptions } from '../exceptions/apply-exceptions.fns.ts';
import { activeExceptionsAt } from '../exceptions/exceptions.fns.ts';
import { expireDueExceptions } from '../exceptions/expire-due-exceptions.ts';
import type { IdpAccessReport } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { PRODUCT_VERSION } from '../version.ts';
import { loadReadiness } from './load-readiness.ts';
import { startedByLabel, toScanView } from './scans.fns.ts';
import { openStoredSnapshot } from '../snapshots/stored-snapshot.ts';

/** Every snapshot type a rule of the set reads (not Butterfly's own readiness data). */
const ruleTypes = (rules: ReturnType<typeof rulesetFor>['rules']) =>
  [...new Set(rules.flatMap((r) => r.reads.map((x) => x.type)))].filter((t) => t !== 'readiness');

export interface TRunComplianceScanInput {
  snapshotId: string;
  trigger?: 'manual' | 'backup' | 'api';
  /** Return an existing scan of this snapshot under the current rule set instead of scanning again (jobs: at-least-once). */
  reuse?: boolean;
  /** With `reuse`: only a scan started at or after this counts ("Run scan" asks for a new one). */
  reuseSince?: Date;
  /** Who asked for it when a job runs it on their behalf (Run scan): the report's "Started by". */
  startedBy?: string;
}

/**
 * Scans one complete snapshot with the current rule set and stores the scan with every result, in one
 * transaction (a scan is visible whole or not at all). Members need `compliance.run`; jobs run as the
 * system. The snapshot is read from storage only, never from the IdP.
 */
export async function runComplianceScan(deps: Deps, tenantId: string, input: TRunComplianceScanInput) {
  await authorize(deps, tenantId, 'compliance.run');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  if (snap.kind !== 'full') throw new DomainError('VALIDATION', 'Only full snapshots can be scanned');
  const connection = await deps.db
    .selectFrom('connections as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .select(['c.name as connection_name', 'c.org_url', 'c.last_test', 'c.provider', 't.name as tenant_name'])
    .where('c.id', '=', snap.connection_id)
    .where('c.tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  // The connection's provider picks the rule set (decision 058): Okta's rules on Okta, SCuBA MS.AAD on Entra.
  const { rules, version: rulesetVersion } = rulesetFor(connection.provider);
  if (input.reuse) {
    let q = deps.db
      .selectFrom('scans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('snapshot_id', '=', snap.id)
      .where('ruleset_version', '=', rulesetVersion);
    if (input.reuseSince) q = q.where('started_at', '>=', input.reuseSince);
    const existing = await q.orderBy('started_at').executeTakeFirst();
    if (existing) return toScanView(existing);
  }
  const context = connection;
  const scopesMissing = ((context.last_test as IdpAccessReport | null)?.missing ?? []).map((m) => m.scope);

  const startedAt = deps.clock();
  // Exceptions past their expiry are closed (and alerted) before the scan, where a job queue is at
  // hand; either way only those in force at the scan's start annotate its results (decision 038).
  if (deps.jobs) await expireDueExceptions({ ...deps, jobs: deps.jobs }, { tenantId });
  const exceptions = await activeExceptionsAt(deps.db, tenantId, snap.connection_id, startedAt);
  const snapshot = await openStoredSnapshot(deps, snap, { scopesMissing, preload: ruleTypes(rules) });
  const readiness = await loadReadiness(deps.db, tenantId, snapshot.takenAt);
  const breakGlass = await breakGlassUserIds(deps.db, tenantId, snap.connection_id);
  const results = applyExceptions(
    await runScan(rules, snapshot, readiness, breakGlass.length ? { userIds: breakGlass } : undefined),
    exceptions,
  );
  const counts = countResults(results);
  const finishedAt = deps.clock();

  return inTransaction(deps.db, async (trx) => {
    const scan = await trx
      .insertInto('scans')
      .values({
        tenant_id: tenantId,
        connection_id: snap.connection_id,
        snapshot_id: snap.id,
        snapshot_seq: snap.seq,
        snapshot_taken_at: snapshot.takenAt,
        tenant_name: context.tenant_name,
        connection_name: context.connection_name,
        org_url: context.org_url,
        trigger: input.trigger ?? 'manual',
        started_by: input.startedBy ?? startedByLabel(deps.actor),
        started_at: startedAt,
        finished_at: finishedAt,
        ruleset_version: rulesetVersion,
        product_version: PRODUCT_VERSION,
        counts: JSON.stringify(counts),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('scan_results')
      .values(
        results.map((r) => ({
          scan_id: scan.id,
          tenant_id: tenantId,
          rule_id: r.ruleId,
          title: r.title,
          severity: r.severity,
          frameworks: JSON.stringify(r.frameworks),
          stig_rule_id: r.stigRuleId ?? null,
          result: r.result,
          reason: r.reason,
          evidence: JSON.stringify(r.evidence),
          exceptions: r.exceptions ? JSON.stringify(r.exceptions) : null,
          accepted: r.accepted === true,
        })),
      )
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'compliance.scanned',
        target: { type: 'scan', id: scan.id },
        data: {
          snapshotId: snap.id,
          connectionId: snap.connection_id,
          rulesetVersion,
          counts,
          ...(breakGlass.length ? { breakGlass } : {}),
          ...(exceptions.length ? { exceptions: exceptions.map((e) => e.id) } : {}),
        },
      },
    );
    return toScanView(scan);
  });
}
