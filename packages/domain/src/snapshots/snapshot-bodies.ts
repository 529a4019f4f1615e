import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { openBodies } from '../bodies/open-bodies.ts';

const PAGE = 2000;

/** Streams the bodies of one type of a snapshot (or of chosen ids), decrypting a page at a time. */
export async function* snapshotBodies(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  type: string,
  ids?: readonly string[],
): AsyncGenerator<{ id: string; address: Buffer; body: unknown }> {
  let after: string | undefined;
  for (let chunk = 0; ; ) {
    let q = deps.db
      .selectFrom('snapshot_entries as e')
      .select(['e.object_id', 'e.address'])
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
    const bodies = await openBodies(
      deps,
      snap.tenant_id,
      rows.map((r) => r.address),
    );
    for (const r of rows) yield { id: r.object_id, address: r.address, body: bodies.get(r.address.toString('latin1')) };
    if (!ids && rows.length < PAGE) return;
    after = rows.at(-1)?.object_id;
  }
}
