import type { DB, Transaction } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { sealJson } from '../bodies/object-codec.fns.ts';
import { fingerprintOf, fromKey, refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import { stepBinding } from './restores.fns.ts';
import type { OrderedStep, StepDetail } from './types.ts';

const CHUNK = 500;

/**
 * Writes a computed plan's steps and its id map (old ids of re-created objects; new ids come at
 * apply). Runs in the transaction that marks the plan ready, after clearing whatever an earlier,
 * interrupted attempt left: a retried preview job recomputes from scratch.
 */
export async function storeSteps(
  deps: Pick<Deps, 'keyring'> & { db: Transaction<DB> },
  o: {
    tenantId: string;
    planId: string;
    steps: readonly OrderedStep[];
    index: TypeIndex;
    pairs?: ReadonlyMap<string, string>;
  },
) {
  const dataKey = await deps.keyring.dataKey(deps.db, o.tenantId);
  const contentKey = deps.keyring.contentKey(o.tenantId);
  await deps.db.deleteFrom('restore_id_map').where('plan_id', '=', o.planId).execute();
  await deps.db.deleteFrom('restore_steps').where('plan_id', '=', o.planId).execute();
  for (let i = 0; i < o.steps.length; i += CHUNK) {
    const rows = o.steps.slice(i, i + CHUNK).map((s) => {
      const detail: StepDetail = {
        label: s.label,
        changes: s.changes,
        caveats: s.caveats,
        rewrites: s.rewrites,
        after: s.after,
        ...(s.blast ? { blast: s.blast } : {}),
        ...(s.how ? { how: s.how } : {}),
      };
      return {
        plan_id: o.planId,
        seq: s.seq,
        type: s.type,
        object_id: s.id,
        action: s.action,
        status: s.action === 'skip' ? 'skipped' : 'pending',
        fingerprint: s.live === undefined ? null : fingerprintOf(contentKey, o.index.get(s.type), s.type, s.live),
        address: s.action === 'delete' || s.action === 'skip' ? null : (s.address ?? null),
        detail: sealJson(dataKey, stepBinding(o.tenantId, o.planId, s.seq), JSON.stringify(detail)),
      };
    });
    await deps.db.insertInto('restore_steps').values(rows).execute();
  }
  const creates = o.steps.filter((s) => s.action === 'create' && o.index.get(s.type)?.restore?.assignsId);
  for (let i = 0; i < creates.length; i += CHUNK) {
    await deps.db
      .insertInto('restore_id_map')
      .values(
        creates
          .slice(i, i + CHUNK)
          .map((s) => ({ plan_id: o.planId, type: s.type, old_id: s.id, new_id: null, step_seq: s.seq })),
      )
      .execute();
  }
  // Objects the preview found live by natural key: their ids are known now (a step only when they differ).
  const seqOf = new Map(o.steps.map((s) => [refKey(s.type, s.id), s.seq]));
  const pairs = [...(o.pairs ?? [])].map(([key, liveId]) => ({ ...fromKey(key), liveId }));
  for (let i = 0; i < pairs.length; i += CHUNK) {
    await deps.db
      .insertInto('restore_id_map')
      .values(
        pairs.slice(i, i + CHUNK).map((p) => ({
          plan_id: o.planId,
          type: p.type,
          old_id: p.id,
          new_id: p.liveId,
          step_seq: seqOf.get(refKey(p.type, p.id)) ?? null,
        })),
      )
      .execute();
  }
}
