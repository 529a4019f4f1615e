import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { refKey, referencesOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';
import type { ObjectRef } from './types.ts';

export interface Referrer extends ObjectRef {
  address: Buffer;
  body: unknown;
  /** Target key → the paths in this body that name it. */
  paths: [string, string][];
}

/**
 * Snapshot objects that reference any of `targets` (objects about to get a new id) by id. Only the
 * types whose reference paths can name a target type are read; a relation row keyed by what it
 * references (a membership names its user in its own key) is not a referrer: it is re-created with
 * its target and its key is mapped at apply.
 */
export async function findReferrers(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  index: TypeIndex,
  targets: ReadonlySet<string>,
  snapshotTypes: readonly string[],
) {
  const targetTypes = new Set([...targets].map((k) => k.slice(0, k.indexOf('\u0000'))));
  const out: Referrer[] = [];
  for (const type of snapshotTypes) {
    const info = index.get(type);
    const own = info?.idField ?? 'id';
    const reaches = info?.references.some(
      (r) => !r.by && r.path !== own && (Array.isArray(r.type) ? r.type : [r.type]).some((t) => targetTypes.has(t)),
    );
    if (!info || !reaches) continue;
    for await (const o of snapshotBodies(deps, snap, type)) {
      const paths: [string, string][] = [];
      for (const ref of referencesOf(info, o.body)) {
        if (ref.by || ref.at === own) continue;
        for (const t of ref.types) if (targets.has(refKey(t, ref.value))) paths.push([refKey(t, ref.value), ref.at]);
      }
      if (paths.length) out.push({ type, id: o.id, address: o.address, body: o.body, paths });
    }
  }
  return out;
}
