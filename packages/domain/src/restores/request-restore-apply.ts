import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { confirmationMatches } from '../connections/connections.fns.ts';
import { authorize } from '../permissions/authorize.ts';
import { sealJson } from '../bodies/object-codec.fns.ts';
import { parseInput } from '../validation.fns.ts';
import { getPlanRow } from './plan-rows.ts';
import { restoreApplyJobKey, secretsBinding } from './restores.fns.ts';
import type { PlanSummary } from './types.ts';

export const ZRequestRestoreApplyInput = z.object({
  planId: z.string().trim().min(1).max(100),
  /** Write-only secrets for the apply, by `type:id` then path (an app's client secret from the customer's vault). */
  secrets: z.record(z.string().max(600), z.record(z.string().max(300), z.string().min(1).max(10_000))).optional(),
  /** Required (true) when the plan is a lockout risk (lockout.fns.ts), on top of any approval. */
  acknowledgeLockoutRisk: z.boolean().default(false),
  /** The target connection's name, typed by whoever applies: a restore writes to a live org. */
  confirmName: z.string().max(500).default(''),
});

/** Plans that may (still) be applied; `applying` and `apply_failed` resume where they stopped. */
export const APPLICABLE = ['ready', 'applying', 'apply_failed'];

/**
 * "Apply": checks the plan may go (computed, approved when it must be) and queues the job that
 * applies it. Supplied secrets are sealed on the plan until the apply is done.
 */
export async function requestRestoreApply(
  deps: Deps,
  tenantId: string,
  raw: z.input<typeof ZRequestRestoreApplyInput>,
  opts: { inProcess?: boolean } = {},
) {
  const input = parseInput(ZRequestRestoreApplyInput, raw);
  await authorize(deps, tenantId, 'restore.apply');
  const jobs = deps.jobs;
  // The CLI's `--wait` applies in its own process: no job then.
  if (!jobs && !opts.inProcess) throw new DomainError('INTERNAL', 'No job queue configured');
  const refusal = await inTransaction(deps.db, async (trx) => {
    const plan = await getPlanRow(trx, tenantId, input.planId, { forUpdate: true });
    if (plan.status === 'stale')
      throw new DomainError('CONFLICT', 'Stale plan: the org changed since the preview; preview again');
    if (!APPLICABLE.includes(plan.status))
      throw new DomainError('CONFLICT', `The plan is ${plan.status}: it cannot be applied`);
    if (plan.needs_approval && !plan.approved_at) {
      throw new DomainError(
        'CONFLICT',
        `This plan deletes objects or reaches more users than the tenant's threshold: a second member must approve it (code ${plan.short_code})`,
      );
    }
    // Checked first: until the person applying has said which org this writes to, nothing else matters.
    const connection = await trx
      .selectFrom('connections')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', plan.connection_id)
      .executeTakeFirst();
    if (!connection || !confirmationMatches(input.confirmName, connection.name)) {
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'restore.apply_refused',
          outcome: 'failure',
          target: { type: 'restore_plan', id: plan.id },
          data: { reason: 'confirmation_mismatch' },
        },
      );
      return new DomainError(
        'CONFIRMATION_MISMATCH',
        input.confirmName.trim()
          ? `The name typed does not match the connection's name ("${connection?.name ?? ''}"): nothing was applied`
          : `Type the connection's name ("${connection?.name ?? ''}") to confirm the restore`,
      );
    }
    const lockout = lockoutOf(plan.summary);
    // Checked after the approval, so the refusal names the last thing missing; audited, nothing queued.
    if (lockout && !input.acknowledgeLockoutRisk) {
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'restore.apply_refused',
          outcome: 'failure',
          target: { type: 'restore_plan', id: plan.id },
          data: {
            reason: 'lockout_risk_not_acknowledged',
            lockoutSteps: lockout.steps,
            admins: lockout.admins.slice(0, 50),
          },
        },
      );
      return new DomainError(
        'LOCKOUT_RISK_NOT_ACKNOWLEDGED',
        `This plan is a lockout risk: ${lockout.steps} step(s) change how admins sign in (${lockout.admins.slice(0, 5).join(', ') || 'no admin in the snapshot'}${lockout.admins.length > 5 ? ', …' : ''}). Acknowledge the risk to apply it`,
      );
    }
    const secrets = input.secrets
      ? sealJson(
          await deps.keyring.dataKey(trx, tenantId),
          secretsBinding(tenantId, plan.id),
          JSON.stringify(input.secrets),
        )
      : undefined;
    await trx
      .updateTable('restore_plans')
      .set({ apply_requested_at: deps.clock(), ...(secrets ? { apply_secrets_sealed: secrets } : {}) })
      .where('id', '=', plan.id)
      .execute();
    const jobId = opts.inProcess
      ? null
      : (
          await jobs!.enqueue(
            trx,
            'restore_apply',
            { tenantId, planId: plan.id },
            { jobKey: restoreApplyJobKey(plan.id), maxAttempts: 5 },
          )
        ).jobId;
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.apply_requested',
        target: { type: 'restore_plan', id: plan.id },
        data: {
          jobId,
          secretsFor: Object.keys(input.secrets ?? {}),
          ...(lockout
            ? { lockoutRiskAcknowledged: true, lockoutSteps: lockout.steps, admins: lockout.admins.slice(0, 50) }
            : {}),
        },
      },
    );
    return { planId: plan.id, jobId };
  });
  // The refusal's audit event is committed; then the caller hears why.
  if (refusal instanceof DomainError) throw refusal;
  return refusal;
}

/** The plan summary's lockout part (preview-restore.ts), when it has lockout-risk steps. */
function lockoutOf(summary: unknown): PlanSummary['lockout'] | undefined {
  const l = (summary as Partial<PlanSummary> | null)?.lockout;
  return l && l.steps > 0 ? { steps: l.steps, admins: Array.isArray(l.admins) ? l.admins.map(String) : [] } : undefined;
}
