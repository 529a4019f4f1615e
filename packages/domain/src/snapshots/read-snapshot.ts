import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { openBodies } from '../bodies/open-bodies.ts';

export interface SnapshotObject {
  type: string;
  id: string;
  body: unknown;
}

const PAGE = 500;

/**
 * Streams the objects of a complete snapshot in (type, id) order, a page at a time, decrypting as it
 * goes: a 100k-user snapshot never sits in memory. Bodies are exactly as stored.
 */
export async function* readSnapshot(
  deps: Deps,
  tenantId: string,
  snapshotId: string,
  opts: { types?: string[] } = {},
): AsyncGenerator<SnapshotObject> {
  await authorize(deps, tenantId, 'snapshot.read');
  const snap = await getSnapshotRow(deps.db, tenantId, snapshotId, { complete: true });
  let after: [string, string] | undefined;
  for (;;) {
    let q = deps.db
      .selectFrom('snapshot_entries as e')
      .select(['e.type', 'e.object_id', 'e.address'])
      .where('e.connection_id', '=', snap.connection_id)
      .where('e.from_seq', '<=', snap.seq)
      .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', snap.seq)]))
      .orderBy('e.type')
      .orderBy('e.object_id')
      .limit(PAGE);
    if (opts.types?.length) q = q.where('e.type', 'in', opts.types);
    if (after) {
      const [t, id] = after;
      q = q.where((eb) => eb(eb.refTuple('e.type', 'e.object_id'), '>', eb.tuple(t, id)));
    }
    const rows = await q.execute();
    const bodies = await openBodies(
      deps,
      tenantId,
      rows.map((r) => r.address),
    );
    for (const r of rows) yield { type: r.type, id: r.object_id, body: bodies.get(r.address.toString('latin1')) };
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = [last.type, last.object_id];
  }
}
