import type { DB, Kysely } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpClient } from '../idp/types.ts';
import { backUpConnection } from '../backups/back-up-connection.ts';
import { checkStep, conflictOf } from './check-step.ts';
import { executeStep } from './execute-step.ts';
import { type ApplyStep, loadApplyState } from './load-apply-steps.ts';
import { refKey, typeIndexOf } from '../snapshots/objects.fns.ts';
import { getPlanRow } from './plan-rows.ts';
import { withPlanLock } from './plan-lock.ts';
import { APPLICABLE } from './request-restore-apply.ts';
import { recordStep, setPlan } from './record-step.ts';
import { stepError } from './upstream-error.fns.ts';

export interface TApplyRestoreInput {
  tenantId: string;
  planId: string;
  /** Writes (the connection's write credential, `.manage` scopes). */
  writeClient: IdpClient;
  /** Reads for the backup taken first (the backup credential). */
  readClient: IdpClient;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  signal?: AbortSignal;
  /** Who runs it (`job:<id>`): the backup taken first is owned by it (run-backup.ts). */
  owner?: string;
  /** APP_URL, for links in the alerts of the backup taken first. */
  appUrl?: string;
}

/**
 * Applies a stored plan (the `restore_apply` job). A backup is taken first; then every pending step
 * is checked against what the preview saw (a stale plan stops here, before any write), and the
 * steps run in order, each recorded as it completes (its new id into the id map), so a killed job
 * resumes where it stopped and never repeats a completed write. All of it is audit-logged.
 */
export async function applyRestore(deps: Deps & { db: Kysely<DB> }, input: TApplyRestoreInput) {
  return withPlanLock(deps.db, input.planId, async () => {
    const plan = await getPlanRow(deps.db, input.tenantId, input.planId);
    if (plan.status === 'applied') return plan;
    if (plan.status === 'stale')
      throw new DomainError('CONFLICT', 'Stale plan: the org changed since the preview; preview again');
    if (!APPLICABLE.includes(plan.status) || !plan.apply_requested_at)
      throw new DomainError('CONFLICT', `The plan is ${plan.status}: it cannot be applied`);
    if (plan.needs_approval && !plan.approved_at)
      throw new DomainError('CONFLICT', 'The plan needs a second member to approve it first');
    const index = typeIndexOf(input.writeClient);
    const state = await loadApplyState(deps, input.tenantId, plan);
    const remaining = state.steps.filter((s) => s.status !== 'done' && s.status !== 'skipped');
    const progress = async (done: number) => {
      const p = { phase: 'applying', done, total: state.steps.length };
      input.onProgress?.(p);
      await setPlan(deps, plan.id, { progress: JSON.stringify(p) });
    };
    const started = plan.status === 'ready';
    await setPlan(deps, plan.id, { status: 'applying', ...(started ? { apply_started_at: deps.clock() } : {}) });
    if (started) await audit(deps, input.tenantId, plan.id, 'restore.apply_started', { steps: remaining.length });
    let current: ApplyStep | undefined;
    try {
      const preApply = plan.pre_apply_snapshot_id ?? (await backupFirst(deps, plan, input));
      const contentKey = deps.keyring.contentKey(input.tenantId);
      const checks = new Map<number, string>();
      for (const s of remaining.filter((x) => x.status === 'pending'))
        checks.set(s.seq, await checkStep(input.writeClient, index, contentKey, s, state.idMap, input.signal));
      const stale = remaining.filter((s) => checks.get(s.seq) === 'stale');
      if (stale.length) return await refuseStale(deps, input.tenantId, plan.id, stale);
      // Same-name re-creations since the preview: stop before the first write, each step saying why.
      const conflicts: [ApplyStep, string][] = [];
      for (const s of remaining.filter((x) => x.status === 'pending' && checks.get(x.seq) === 'ok')) {
        const why = await conflictOf(input.writeClient, index, s, state.idMap, input.signal);
        if (why) conflicts.push([s, why]);
      }
      if (conflicts.length) return await refuseConflicts(deps, input.tenantId, plan.id, conflicts);
      let done = state.steps.length - remaining.length;
      for (const step of remaining) {
        if (checks.get(step.seq) === 'already') {
          await recordStep(deps, input.tenantId, plan.id, step, { already: true });
        } else {
          // Right before writing: re-created by name while this run was going?
          const why =
            step.status === 'pending'
              ? await conflictOf(input.writeClient, index, step, state.idMap, input.signal)
              : undefined;
          if (why) return await refuseConflicts(deps, input.tenantId, plan.id, [[step, why]]);
          current = step;
          await setStep(deps, plan.id, step.seq, { status: 'running', started_at: deps.clock() });
          const out = await executeStep(input.writeClient, index, step, {
            idMap: state.idMap,
            secrets: state.secrets[`${step.type}:${step.id}`],
            resumed: step.status !== 'pending',
            signal: input.signal,
          });
          if (out.newId) state.idMap.set(refKey(step.type, step.id), out.newId);
          await recordStep(deps, input.tenantId, plan.id, step, out);
          current = undefined;
        }
        await progress(++done);
      }
      const row = await setPlan(deps, plan.id, {
        status: 'applied',
        applied_at: deps.clock(),
        apply_secrets_sealed: null,
      });
      await audit(deps, input.tenantId, plan.id, 'restore.applied', {
        steps: state.steps.length,
        preApplySnapshotId: preApply,
      });
      return row;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CONFLICT') throw e;
      // A person reads this: the step, and what the provider said in our terms, never its raw error.
      const err = current ? stepError(e, `step ${current.seq}, ${current.type} ${current.detail.label}`) : e;
      if (current && err !== e) deps.log.warn({ err: e, seq: current.seq }, 'restore step failed');
      await failApply(deps, input.tenantId, plan.id, err);
      throw err;
    }
  });
}

/** The backup before any write: a backup like any other, with its alerts, scan and retention. */
async function backupFirst(
  deps: Deps & { db: Kysely<DB> },
  plan: { id: string; tenant_id: string; connection_id: string },
  input: TApplyRestoreInput,
) {
  const snap = await backUpConnection(deps, {
    tenantId: plan.tenant_id,
    connectionId: plan.connection_id,
    trigger: 'restore',
    client: input.readClient,
    signal: input.signal,
    owner: input.owner,
    appUrl: input.appUrl,
  });
  await setPlan(deps, plan.id, { pre_apply_snapshot_id: snap.snapshotId });
  return snap.snapshotId;
}

async function refuseStale(deps: Deps, tenantId: string, planId: string, stale: ApplyStep[]): Promise<never> {
  const names = stale.slice(0, 5).map((s) => `${s.type} ${s.detail.label}`);
  await setPlan(deps, planId, { status: 'stale', error: `changed since the preview: ${names.join(', ')}` });
  await audit(
    deps,
    tenantId,
    planId,
    'restore.apply_refused',
    { reason: 'stale', objects: stale.map((s) => ({ type: s.type, id: s.id })).slice(0, 50) },
    'failure',
  );
  throw new DomainError(
    'CONFLICT',
    `Stale plan, preview again: ${stale.length} object(s) changed since the preview (${names.join(', ')}${stale.length > 5 ? ', …' : ''})`,
  );
}

/** Steps that would collide with objects made since the preview: each says why; nothing is written; apply again once resolved. */
async function refuseConflicts(
  deps: Deps,
  tenantId: string,
  planId: string,
  conflicts: [ApplyStep, string][],
): Promise<never> {
  const message = `${conflicts.length} step(s) conflict with the org: ${conflicts
    .slice(0, 5)
    .map(([, why]) => why)
    .join('; ')}${conflicts.length > 5 ? '; …' : ''}`;
  await inTransaction(deps.db, async (trx) => {
    for (const [s, why] of conflicts)
      await trx
        .updateTable('restore_steps')
        .set({ status: 'pending', error: why })
        .where('plan_id', '=', planId)
        .where('seq', '=', s.seq)
        .execute();
    await trx
      .updateTable('restore_plans')
      .set({ status: 'apply_failed', error: message.slice(0, 2000) })
      .where('id', '=', planId)
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.apply_refused',
        outcome: 'failure',
        target: { type: 'restore_plan', id: planId },
        data: {
          reason: 'conflict',
          objects: conflicts.slice(0, 50).map(([s]) => ({ type: s.type, id: s.id, seq: s.seq })),
        },
      },
    );
  });
  throw new DomainError('CONFLICT', message);
}

async function failApply(deps: Deps, tenantId: string, planId: string, e: unknown) {
  const message = ((e as Error)?.message ?? String(e)).slice(0, 2000);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('restore_steps')
      .set({ status: 'failed', error: message })
      .where('plan_id', '=', planId)
      .where('status', '=', 'running')
      .execute();
    await trx
      .updateTable('restore_plans')
      .set({ status: 'apply_failed', error: message })
      .where('id', '=', planId)
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.apply_failed',
        outcome: 'failure',
        target: { type: 'restore_plan', id: planId },
        data: { error: message.slice(0, 500) },
      },
    );
  }).catch((err) => deps.log.error({ err }, 'could not record a failed restore apply'));
}

const setStep = (deps: Deps, planId: string, seq: number, set: { status: string; started_at: Date }) =>
  deps.db.updateTable('restore_steps').set(set).where('plan_id', '=', planId).where('seq', '=', seq).execute();

const audit = (
  deps: Deps,
  tenantId: string,
  planId: string,
  action: string,
  data: Record<string, unknown>,
  outcome: 'success' | 'failure' = 'success',
) =>
  inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      { tenantId, action, outcome, target: { type: 'restore_plan', id: planId }, data },
    ),
  );
