import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { getPlanRow } from './plan-rows.ts';
import { actorColumns, sameActor, sameCode, toPlanView } from './restores.fns.ts';

export const ZApproveRestoreInput = z.object({
  planId: z.string().trim().min(1).max(100),
  confirm: z.string().trim().min(1).max(20),
});

/**
 * The second pair of eyes on a risky plan (it deletes, or its blast radius passes the tenant's
 * threshold): a member with `restore.apply` other than whoever asked for the preview, typing the
 * plan's short code back. A wrong code or the requester approving is refused and audit-logged.
 */
export async function approveRestore(deps: Deps, tenantId: string, raw: z.input<typeof ZApproveRestoreInput>) {
  const input = parseInput(ZApproveRestoreInput, raw);
  await authorize(deps, tenantId, 'restore.apply');
  const refused = async (message: string, reason: string) => {
    await inTransaction(deps.db, (trx) =>
      appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'restore.approval_refused',
          outcome: 'denied',
          target: { type: 'restore_plan', id: input.planId },
          data: { reason },
        },
      ),
    );
    return new DomainError('CONFLICT', message);
  };
  const plan = await getPlanRow(deps.db, tenantId, input.planId);
  if (plan.status !== 'ready')
    throw new DomainError('CONFLICT', `The plan is ${plan.status}: only a ready plan can be approved`);
  if (!plan.needs_approval) throw new DomainError('CONFLICT', 'This plan needs no approval: apply it');
  if (plan.approved_at) throw new DomainError('CONFLICT', `Already approved by ${plan.approved_by_label}`);
  const me = actorColumns(deps.actor);
  if (sameActor(me, { type: plan.requested_by_type, id: plan.requested_by_id, label: plan.requested_by_label })) {
    throw await refused(
      'Whoever asked for the preview cannot approve it: another member with restore.apply must',
      'requester',
    );
  }
  if (!sameCode(input.confirm, plan.short_code))
    throw await refused('The confirmation does not match the plan code', 'wrong code');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('restore_plans')
      .set({ approved_by_type: me.type, approved_by_id: me.id, approved_by_label: me.label, approved_at: deps.clock() })
      .where('id', '=', plan.id)
      .where('approved_at', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.approved',
        target: { type: 'restore_plan', id: plan.id },
        data: { shortCode: plan.short_code },
      },
    );
    return toPlanView(row);
  });
}
