import type { Selectable, Snapshots } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { refKey } from './objects.fns.ts';

const PAGE = 5000;

/**
 * What a snapshot holds, without its bodies: (type, id) → content address, read a page at a time.
 * The address is a keyed hash of the body, so a live object hashed the same way is compared with
 * the snapshot without decrypting anything. Addresses are kept as 32-character latin1 strings (a
 * Buffer per object would cost several times more at 100k users).
 */
export interface Manifest {
  addresses: Map<string, string>;
}

export async function loadManifest(
  db: Db,
  snap: Pick<Selectable<Snapshots>, 'connection_id' | 'seq'>,
  o: { types: readonly string[]; only?: ReadonlySet<string>; onPage?: (n: number) => void },
): Promise<Manifest> {
  const addresses = new Map<string, string>();
  for (const type of o.types) {
    let after: string | undefined;
    for (;;) {
      let q = db
        .selectFrom('snapshot_entries')
        .select(['object_id', 'address'])
        .where('connection_id', '=', snap.connection_id)
        .where('type', '=', type)
        .where('from_seq', '<=', snap.seq)
        .where((eb) => eb.or([eb('to_seq', 'is', null), eb('to_seq', '>', snap.seq)]))
        .orderBy('object_id')
        .limit(PAGE);
      if (after !== undefined) q = q.where('object_id', '>', after);
      const rows = await q.execute();
      for (const r of rows) {
        const key = refKey(type, r.object_id);
        if (o.only && !o.only.has(key)) continue;
        addresses.set(key, r.address.toString('latin1'));
      }
      o.onPage?.(addresses.size);
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.object_id;
    }
  }
  return { addresses };
}
