import type { Deps } from '../deps.ts';
import { openJson } from '../bodies/object-codec.fns.ts';
import type { IdMap } from './rewrite.fns.ts';
import { loadConnectionIdMap } from '../snapshots/connection-id-map.ts';
import { refKey } from '../snapshots/objects.fns.ts';
import { openVersions } from './open-versions.ts';
import { secretsBinding, stepBinding } from './restores.fns.ts';
import type { RestoreAction, StepDetail, StepStatus } from './types.ts';

export interface ApplyStep {
  seq: number;
  type: string;
  id: string;
  action: RestoreAction;
  status: StepStatus;
  fingerprint: string | null;
  desired?: unknown;
  detail: StepDetail;
}

/** A plan's steps with their details and the snapshot bodies they restore, the id map (the connection's) and supplied secrets. */
export async function loadApplyState(
  deps: Pick<Deps, 'db' | 'keyring'>,
  tenantId: string,
  plan: { id: string; connection_id: string; apply_secrets_sealed: Buffer | null },
) {
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const rows = await deps.db
    .selectFrom('restore_steps')
    .select(['seq', 'type', 'object_id', 'action', 'status', 'fingerprint', 'address', 'detail'])
    .where('plan_id', '=', plan.id)
    .orderBy('seq')
    .execute();
  const bodies = await openVersions(
    deps,
    tenantId,
    rows.flatMap((r) => (r.address ? [r.address.toString('latin1')] : [])),
  );
  const steps: ApplyStep[] = rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    id: r.object_id,
    action: r.action as RestoreAction,
    status: r.status as StepStatus,
    fingerprint: r.fingerprint,
    desired: r.address ? bodies.get(r.address.toString('latin1')) : undefined,
    detail: JSON.parse(openJson(key, stepBinding(tenantId, plan.id, r.seq), r.detail)) as StepDetail,
  }));
  const mapped = await deps.db
    .selectFrom('restore_id_map')
    .select(['type', 'old_id', 'new_id'])
    .where('plan_id', '=', plan.id)
    .where('new_id', 'is not', null)
    .execute();
  // Earlier restores' ids first (the snapshot may name objects they re-created), this plan's over them.
  const idMap: IdMap = new Map([
    ...(await loadConnectionIdMap(deps.db, tenantId, plan.connection_id)),
    ...mapped.map((m) => [refKey(m.type, m.old_id), m.new_id!] as const),
  ]);
  const secrets = plan.apply_secrets_sealed
    ? (JSON.parse(openJson(key, secretsBinding(tenantId, plan.id), plan.apply_secrets_sealed)) as Record<
        string,
        Record<string, string>
      >)
    : {};
  return { steps, idMap: idMap as Map<string, string>, secrets };
}
