import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpClient } from '../idp/types.ts';
import { typeIndexOf } from '../snapshots/objects.fns.ts';
import { collectedTypes, hasType } from '../snapshots/collected-types.fns.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { computePlan } from './compute-plan.ts';
import { getPlanRow } from './plan-rows.ts';
import { storeSteps } from './store-plan.ts';
import type { PlanSummary, PreviewProgress, TRestoreScope } from './types.ts';
import { missingWriteScopes } from './write-scopes.ts';

const PROGRESS_EVERY_MS = 1000;

/**
 * Computes a stored plan (the `restore_preview` job, or the CLI in-process): reads the snapshot's
 * manifest and the live org through the connector, and stores the ordered steps. Nothing is
 * written to the IdP. A retried job recomputes; a plan already computed is left as it is.
 */
export async function previewRestore(
  deps: Deps,
  input: {
    tenantId: string;
    planId: string;
    client: IdpClient;
    /** The client apply will write with (the write credential): the preview names writes it is not granted. */
    writeClient?: IdpClient;
    onProgress?: (p: PreviewProgress) => void;
    signal?: AbortSignal;
  },
) {
  const plan = await getPlanRow(deps.db, input.tenantId, input.planId);
  // Computed already (a job retried after it finished): nothing to do. A failed one is tried again.
  if (!['queued', 'computing', 'failed'].includes(plan.status)) return plan;
  const snap = await getSnapshotRow(deps.db, input.tenantId, plan.snapshot_id, { complete: true });
  let last = 0;
  const progress = async (p: PreviewProgress, force = false) => {
    input.onProgress?.(p);
    if (!force && Date.now() - last < PROGRESS_EVERY_MS) return;
    last = Date.now();
    await deps.db
      .updateTable('restore_plans')
      .set({ status: 'computing', progress: JSON.stringify(p) })
      .where('id', '=', plan.id)
      .execute();
  };
  await progress({ phase: 'reading snapshot', done: 0, total: 0 }, true);
  try {
    const collected = collectedTypes(snap.counts, snap.stats);
    const index = typeIndexOf(input.client);
    const snapshotTypes = [...index.keys()].filter((t) => hasType(collected, t));
    const result = await computePlan(deps, {
      snap,
      scope: plan.scope as TRestoreScope,
      client: input.client,
      index,
      snapshotTypes,
      progress,
      now: deps.clock(),
      fullRead: (plan.scope as { fullRead?: boolean }).fullRead === true,
      signal: input.signal,
    });
    result.caveats.push(...(await missingWriteScopes(input.writeClient, index, result.steps, input.signal)));
    const lockout = result.summary.lockout;
    if (lockout)
      result.caveats.push({
        kind: 'lockout',
        reason: 'admin sign-in',
        admins: lockout.admins,
        message: `Lockout risk: ${lockout.steps} step(s) change how admins sign in; applying needs an explicit acknowledgement`,
      });
    await progress({ phase: 'storing', done: 0, total: result.steps.length }, true);
    const tenant = await deps.db
      .selectFrom('tenants')
      .select('restore_approval_threshold')
      .where('id', '=', input.tenantId)
      .executeTakeFirstOrThrow();
    const summary: PlanSummary = { ...result.summary, threshold: tenant.restore_approval_threshold };
    const needsApproval = (summary.byAction.delete ?? 0) > 0 || summary.blastRadius > summary.threshold;
    return await inTransaction(deps.db, async (trx) => {
      await storeSteps(
        { ...deps, db: trx },
        { tenantId: input.tenantId, planId: plan.id, steps: result.steps, index, pairs: result.pairs },
      );
      const row = await trx
        .updateTable('restore_plans')
        .set({
          status: 'ready',
          computed_at: deps.clock(),
          progress: JSON.stringify({ phase: 'done', done: result.steps.length, total: result.steps.length }),
          summary: JSON.stringify(summary),
          caveats: JSON.stringify(result.caveats),
          needs_approval: needsApproval,
          error: null,
        })
        .where('id', '=', plan.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId: input.tenantId,
          action: 'restore.previewed',
          target: { type: 'restore_plan', id: plan.id },
          data: {
            snapshotId: snap.id,
            steps: summary.steps,
            byAction: summary.byAction,
            blastRadius: summary.blastRadius,
            needsApproval,
            ...(lockout ? { lockoutSteps: lockout.steps } : {}),
          },
        },
      );
      return row;
    });
  } catch (e) {
    await failPreview(deps, input.tenantId, plan.id, e);
    throw e;
  }
}

async function failPreview(deps: Deps, tenantId: string, planId: string, e: unknown) {
  const message = (e instanceof DomainError ? e.message : ((e as Error)?.message ?? String(e))).slice(0, 2000);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('restore_plans')
      .set({ status: 'failed', error: message, progress: JSON.stringify({ phase: 'failed', done: 0, total: 0 }) })
      .where('id', '=', planId)
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.preview_failed',
        outcome: 'failure',
        target: { type: 'restore_plan', id: planId },
        data: { error: message.slice(0, 500) },
      },
    );
  }).catch((err) => deps.log.error({ err }, 'could not record a failed restore preview'));
}
