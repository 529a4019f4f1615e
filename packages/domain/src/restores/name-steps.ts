import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { labelOf, parentOf, refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import type { Candidate } from './plan.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';
import type { PlannedStep } from './types.ts';

/**
 * Rows that have no name of their own (an app's group assignment, a membership, a policy's app
 * mapping) are labelled by the names of what they join, "GitHub Enterprise → Contractors", not by
 * ids. Names come from the plan's own objects, else from the snapshot (only those asked for).
 */
export async function nameRelationRows(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  index: TypeIndex,
  steps: PlannedStep[],
  candidates: readonly Candidate[],
) {
  const names = new Map<string, string>();
  for (const c of candidates) {
    const body = c.desired ?? c.live;
    const label = labelOf(body, '');
    if (label) names.set(refKey(c.type, c.id), label);
  }
  const unnamed = steps.filter((s) => s.label === s.id);
  const wanted = new Map<string, Set<string>>();
  const ask = (type: string, id: string) => {
    if (!names.has(refKey(type, id))) (wanted.get(type) ?? wanted.set(type, new Set()).get(type)!).add(id);
  };
  const partsOf = (s: PlannedStep) => {
    const info = index.get(s.type)!;
    const parent = parentOf(info, s.id);
    const own = s.id.slice(s.id.lastIndexOf('/') + 1);
    const ref = info.references.find((r) => !r.by && r.path === (info.idField ?? 'id'));
    const ownTypes = ref ? (Array.isArray(ref.type) ? ref.type : [ref.type]) : [];
    return { parent, own, ownTypes };
  };
  for (const s of unnamed) {
    const { parent, own, ownTypes } = partsOf(s);
    if (parent) ask(parent.type, parent.id);
    for (const t of ownTypes) ask(t, own);
  }
  for (const [type, ids] of wanted) {
    if (!index.has(type)) continue;
    for await (const o of snapshotBodies(deps, snap, type, [...ids])) {
      const label = labelOf(o.body, '');
      if (label) names.set(refKey(type, o.id), label);
    }
  }
  for (const s of unnamed) {
    const { parent, own, ownTypes } = partsOf(s);
    const parentName = parent && names.get(refKey(parent.type, parent.id));
    const ownName = ownTypes.map((t) => names.get(refKey(t, own))).find(Boolean);
    // One object per parent (a group's collapsed member list) is named by its parent alone.
    if (index.get(s.type)?.singleton && parentName) s.label = parentName;
    else if (parentName || ownName)
      s.label = `${parentName ?? parent?.id ?? ''}${parent ? ' → ' : ''}${ownName ?? own}`;
  }
}
