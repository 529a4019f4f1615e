import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import type { Manifest } from './manifest.ts';
import { fromKey, parentOf, refKey, referencesOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { valueAt } from '../snapshots/paths.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';

/**
 * The chosen objects and, transitively, what they depend on in the snapshot: what their bodies
 * reference (a rule's groups, a policy's zones) and their parents. References by a field other than
 * the id (an authenticator's key) are resolved against the referenced type's bodies.
 */
export async function withDependencies(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  index: TypeIndex,
  manifest: Manifest,
  chosen: ReadonlySet<string>,
) {
  const all = new Set(chosen);
  const byField = new Map<string, Map<unknown, string>>();
  const lookup = async (type: string, field: string, value: string) => {
    let m = byField.get(`${type}\u0000${field}`);
    if (!m) {
      m = new Map();
      for await (const o of snapshotBodies(deps, snap, type)) m.set(valueAt(o.body, field), refKey(type, o.id));
      byField.set(`${type}\u0000${field}`, m);
    }
    return m.get(value);
  };
  let frontier = [...chosen];
  while (frontier.length) {
    const next: string[] = [];
    const add = (key: string | undefined) => {
      if (key && manifest.has(key) && !all.has(key)) {
        all.add(key);
        next.push(key);
      }
    };
    const byType = new Map<string, string[]>();
    for (const key of frontier) {
      const { type, id } = fromKey(key);
      byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    for (const [type, ids] of byType) {
      const info = index.get(type);
      if (!info) continue;
      for await (const o of snapshotBodies(deps, snap, type, ids)) {
        const parent = parentOf(info, o.id);
        if (parent) add(refKey(parent.type, parent.id));
        for (const ref of referencesOf(info, o.body)) {
          for (const t of ref.types) add(ref.by ? await lookup(t, ref.by, ref.value) : refKey(t, ref.value));
        }
      }
    }
    frontier = next;
  }
  return all;
}
