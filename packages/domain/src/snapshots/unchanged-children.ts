import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { refKey, type TypeIndex } from './objects.fns.ts';
import { valueAt } from './paths.fns.ts';
import { snapshotBodies } from './snapshot-bodies.ts';

/**
 * Children whose parent says they have not changed since the snapshot are not read at all: a group
 * whose `lastMembershipUpdated` is the snapshot's has the snapshot's members. Reading members is most
 * of a large org's requests (Okta returns each member's whole user), so a preview of an org where few
 * groups changed reads a fraction of them. Their rows count as seen, unchanged. Restore previews and
 * incremental backups both use it; `seer` is the preview's manifest or the backup's object index.
 */
export async function unchangedChildren(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  index: TypeIndex,
  types: readonly string[],
) {
  const versioned = types.filter((t) => index.get(t)?.parentVersion && index.get(t)?.parent);
  const versions = new Map<string, unknown>();
  for (const parentType of new Set(versioned.map((t) => index.get(t)!.parent!))) {
    const fields = versioned
      .filter((t) => index.get(t)!.parent === parentType)
      .map((t) => index.get(t)!.parentVersion!);
    for await (const o of snapshotBodies(deps, snap, parentType))
      for (const f of fields) versions.set(`${refKey(parentType, o.id)}\u0000${f}`, valueAt(o.body, f));
  }
  const stats = { skipped: 0 };
  const skip = (seer: ChildSeer) => (childType: string, parent: { type: string; id: string; body: unknown }) => {
    const field = index.get(childType)?.parentVersion;
    if (!field) return false;
    const before = versions.get(`${refKey(parent.type, parent.id)}\u0000${field}`);
    if (before === undefined || before !== valueAt(parent.body, field)) return false;
    stats.skipped += seer.seeChildren(childType, parent.id);
    return true;
  };
  return { childIndexed: versioned, skip, stats };
}

/** What keeps a parent's children without reading them. */
export interface ChildSeer {
  /** Marks every stored child of `type` under `parentId` as still there; returns how many. */
  seeChildren(type: string, parentId: string): number;
}
