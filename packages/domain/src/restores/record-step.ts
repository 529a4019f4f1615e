import type { RestorePlans, Updateable } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import type { StepOutcome } from './execute-step.ts';
import type { ApplyStep } from './load-apply-steps.ts';

/**
 * A completed step, recorded in one transaction with its new id and its audit entry: once this
 * commits, a resumed apply skips the step; before, it re-checks and (for a create) adopts.
 */
export async function recordStep(
  deps: Deps,
  tenantId: string,
  planId: string,
  step: ApplyStep,
  out: StepOutcome & { already?: boolean },
) {
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('restore_steps')
      .set({ status: 'done', finished_at: deps.clock(), error: null, ...(out.newId ? { new_id: out.newId } : {}) })
      .where('plan_id', '=', planId)
      .where('seq', '=', step.seq)
      .execute();
    if (out.newId)
      await trx
        .updateTable('restore_id_map')
        .set({ new_id: out.newId })
        .where('plan_id', '=', planId)
        .where('type', '=', step.type)
        .where('old_id', '=', step.id)
        .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.step_applied',
        target: { type: 'restore_plan', id: planId },
        data: {
          seq: step.seq,
          type: step.type,
          id: step.id,
          action: step.action,
          ...(out.newId ? { newId: out.newId } : {}),
          ...(out.adopted ? { adopted: true } : {}),
          ...(out.already ? { already: true } : {}),
        },
      },
    );
  });
}

export const setPlan = (deps: Pick<Deps, 'db'>, planId: string, set: Updateable<RestorePlans>) =>
  deps.db.updateTable('restore_plans').set(set).where('id', '=', planId).returningAll().executeTakeFirstOrThrow();
