import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import type { IdpClient, IdpManualStep, IdpObjectRef } from '../idp/types.ts';
import { refKey, referencesOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';
import type { Candidate } from './plan.fns.ts';

/**
 * Decision 066: the candidates the connector cannot write, each with the manual step that stands
 * for it (the admin console path and the values to set), by key. The bodies of what they reference
 * (the org unit a setting applies to) come from the plan's own candidates, else from the snapshot.
 */
export async function manualSteps(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  client: IdpClient,
  index: TypeIndex,
  candidates: readonly Candidate[],
): Promise<Map<string, IdpManualStep>> {
  const out = new Map<string, IdpManualStep>();
  if (!client.manualStep) return out;
  const wanted = candidates.filter((c) => c.desired !== undefined && index.has(c.type));
  if (!wanted.length) return out;
  const bodies = new Map<string, unknown>(candidates.map((c) => [refKey(c.type, c.id), c.desired ?? c.live]));
  const ask = new Map<string, Set<string>>();
  for (const c of wanted)
    for (const r of referencesOf(index.get(c.type)!, c.desired))
      for (const t of r.types)
        if (!r.by && index.has(t) && !bodies.has(refKey(t, r.value)))
          (ask.get(t) ?? ask.set(t, new Set()).get(t)!).add(r.value);
  for (const [type, ids] of ask)
    for await (const o of snapshotBodies(deps, snap, type, [...ids])) bodies.set(refKey(type, o.id), o.body);
  const bodyOf = (ref: IdpObjectRef) => bodies.get(refKey(ref.type, ref.id));
  for (const c of wanted) {
    const m = client.manualStep({ type: c.type, id: c.id, desired: c.desired, live: c.live }, bodyOf);
    if (m) out.set(refKey(c.type, c.id), m);
  }
  return out;
}
