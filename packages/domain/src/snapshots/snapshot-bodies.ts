import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { openBody } from './object-codec.fns.ts';

const PAGE = 2000;

/** Streams the bodies of one type of a snapshot (or of chosen ids), decrypting a page at a time. */
export async function* snapshotBodies(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  type: string,
  ids?: readonly string[],
): AsyncGenerator<{ id: string; address: Buffer; body: unknown }> {
  const { key } = await deps.keyring.dataKey(deps.db, snap.tenant_id);
  let after: string | undefined;
  for (let chunk = 0; ; ) {
    let q = deps.db
      .selectFrom('snapshot_entries as e')
      .innerJoin('object_versions as v', (j) => j.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.address', '=', 'e.address'))
      .select(['e.object_id', 'e.address', 'v.body'])
      .where('e.connection_id', '=', snap.connection_id)
      .where('e.type', '=', type)
      .where('e.from_seq', '<=', snap.seq)
      .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', snap.seq)]))
      .orderBy('e.object_id')
      .limit(PAGE);
    if (ids) {
      const slice = ids.slice(chunk, chunk + PAGE);
      if (!slice.length) return;
      q = q.where('e.object_id', 'in', slice);
      chunk += PAGE;
    } else if (after !== undefined) q = q.where('e.object_id', '>', after);
    const rows = await q.execute();
    for (const r of rows) yield { id: r.object_id, address: r.address, body: JSON.parse(openBody(key, snap.tenant_id, r.address, r.body)) };
    if (!ids && rows.length < PAGE) return;
    after = rows.at(-1)?.object_id;
  }
}
