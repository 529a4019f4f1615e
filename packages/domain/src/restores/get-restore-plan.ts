import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { openJson } from '../bodies/object-codec.fns.ts';
import { getPlanRow } from './plan-rows.ts';
import { stepBinding, toPlanView } from './restores.fns.ts';
import type { RestoreAction, StepDetail, StepStatus } from './types.ts';

/**
 * A plan with its steps in order (diffs, caveats, the references each one rewrites) and its id map:
 * what the dashboard shows and what the JSON export holds. Reading a plan is reading snapshot
 * content (secrets are never in it), so `snapshot.read` suffices.
 */
export async function getRestorePlan(deps: Deps, tenantId: string, input: { planId: string }) {
  await authorize(deps, tenantId, 'snapshot.read');
  const row = await getPlanRow(deps.db, tenantId, input.planId);
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const rows = await deps.db
    .selectFrom('restore_steps')
    .select(['seq', 'type', 'object_id', 'action', 'status', 'detail', 'new_id', 'error', 'finished_at'])
    .where('plan_id', '=', row.id)
    .orderBy('seq')
    .execute();
  const steps = rows.map((s) => {
    const d = JSON.parse(openJson(key, stepBinding(tenantId, row.id, s.seq), s.detail)) as StepDetail;
    return {
      seq: s.seq,
      type: s.type,
      id: s.object_id,
      action: s.action as RestoreAction,
      status: s.status as StepStatus,
      ...d,
      newId: s.new_id,
      error: s.error,
      finishedAt: s.finished_at?.toISOString() ?? null,
    };
  });
  const idMap = await deps.db
    .selectFrom('restore_id_map')
    .select(['type', 'old_id', 'new_id', 'step_seq'])
    .where('plan_id', '=', row.id)
    .orderBy('step_seq')
    .execute();
  // Named on the page: applying asks for it to be typed (request-restore-apply.ts).
  const connection = await deps.db
    .selectFrom('connections')
    .select('name')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', row.connection_id)
    .executeTakeFirst();
  return {
    ...toPlanView(row),
    connectionName: connection?.name ?? null,
    steps,
    idMap: idMap.map((m) => ({ type: m.type, oldId: m.old_id, newId: m.new_id, stepSeq: m.step_seq })),
  };
}
export type RestorePlanDetail = Awaited<ReturnType<typeof getRestorePlan>>;
