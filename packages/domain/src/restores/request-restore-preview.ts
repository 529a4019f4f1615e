import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { collectedTypes, hasType } from '../snapshots/collected-types.fns.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { parseInput } from '../validation.fns.ts';
import { actorColumns, newShortCode, restorePreviewJobKey } from './restores.fns.ts';
import { ZRestoreScope } from './types.ts';

export const ZRequestRestorePreviewInput = z.object({
  snapshotId: z.string().trim().min(1).max(100),
  scope: ZRestoreScope.default({ withDependencies: false, deletions: false }),
  /**
   * Compare every live object instead of only those the System Log names as changed since the
   * snapshot (decision 053). Kept with the scope, as how this plan is computed.
   */
  fullRead: z.boolean().default(false),
});
export type TRequestRestorePreviewInput = z.input<typeof ZRequestRestorePreviewInput>;

/**
 * Stores a new plan, still empty (`queued`), for a snapshot and a scope. The preview itself runs
 * later (the job, or the CLI in its own process) and fills it in; the dashboard shows its progress.
 */
export async function createRestorePlan(deps: Deps, tenantId: string, raw: TRequestRestorePreviewInput) {
  const input = parseInput(ZRequestRestorePreviewInput, raw);
  await authorize(deps, tenantId, 'restore.preview');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const collected = collectedTypes(snap.counts, snap.stats);
  const asked = [...(input.scope.types ?? []), ...(input.scope.objects ?? []).map((o) => o.type)];
  const unknown = [...new Set(asked)].filter((t) => !hasType(collected, t));
  if (unknown.length)
    throw new DomainError('VALIDATION', `The snapshot holds no ${unknown.join(', ')}`, {
      fields: { scope: `not in the snapshot: ${unknown.join(', ')}` },
    });
  const by = actorColumns(deps.actor);
  return inTransaction(deps.db, async (trx) => {
    const plan = await trx
      .insertInto('restore_plans')
      .values({
        tenant_id: tenantId,
        connection_id: snap.connection_id,
        snapshot_id: snap.id,
        short_code: newShortCode(),
        status: 'queued',
        scope: JSON.stringify(input.fullRead ? { ...input.scope, fullRead: true } : input.scope),
        requested_by_type: by.type,
        requested_by_id: by.id,
        requested_by_label: by.label,
        created_at: deps.clock(),
        progress: JSON.stringify({ phase: 'queued', done: 0, total: 0 }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.preview_requested',
        target: { type: 'restore_plan', id: plan.id },
        data: {
          snapshotId: snap.id,
          connectionId: snap.connection_id,
          scope: input.scope,
          ...(input.fullRead ? { fullRead: true } : {}),
        },
      },
    );
    return plan;
  });
}

/** "Preview a restore" from the dashboard or the API: the plan, and a job that computes it. */
export async function requestRestorePreview(deps: Deps, tenantId: string, raw: TRequestRestorePreviewInput) {
  const jobs = deps.jobs;
  if (!jobs) throw new DomainError('INTERNAL', 'No job queue configured');
  return inTransaction(deps.db, async (trx) => {
    const plan = await createRestorePlan({ ...deps, db: trx }, tenantId, raw);
    const { jobId } = await jobs.enqueue(
      trx,
      'restore_preview',
      { tenantId, planId: plan.id },
      { jobKey: restorePreviewJobKey(plan.id) },
    );
    return { planId: plan.id, shortCode: plan.short_code, jobId };
  });
}
