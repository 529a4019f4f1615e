import type { Selectable, Snapshots } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { fromKey, refKey } from '../snapshots/objects.fns.ts';

const PAGE = 5000;
const ADDRESS = 32;

/**
 * What a snapshot holds, without its bodies: (type, id) → content address. The address is a keyed
 * hash of the body, so a live object hashed the same way is compared with the snapshot without
 * decrypting anything. Compact on purpose (a 100k-user org has ~700k rows): ids map to slots of one
 * Buffer of addresses, and "seen live" is a byte per slot, not a second set of strings.
 */
export class Manifest {
  private readonly byType = new Map<string, Map<string, number>>();
  private addresses = Buffer.alloc(ADDRESS * 1024);
  private seenBytes = new Uint8Array(1024);
  /** Slots of rows of these types by parent id, so all of a parent's children can be marked at once. */
  private readonly children = new Map<string, Map<string, number[]>>();
  size = 0;

  constructor(childIndexed: Iterable<string> = []) {
    for (const t of childIndexed) this.children.set(t, new Map());
  }

  add(type: string, id: string, address: Buffer) {
    if (this.size * ADDRESS >= this.addresses.length) this.grow();
    const ids = this.byType.get(type) ?? new Map<string, number>();
    if (!this.byType.has(type)) this.byType.set(type, ids);
    ids.set(id, this.size);
    const byParent = this.children.get(type);
    if (byParent) {
      const parent = id.slice(0, id.lastIndexOf('/'));
      const slots = byParent.get(parent);
      if (slots) slots.push(this.size);
      else byParent.set(parent, [this.size]);
    }
    address.copy(this.addresses, this.size * ADDRESS);
    this.size++;
  }

  slot = (type: string, id: string) => this.byType.get(type)?.get(id);
  has = (key: string) => {
    const { type, id } = fromKey(key);
    return this.slot(type, id) !== undefined;
  };
  address = (slot: number) => Buffer.from(this.addresses.subarray(slot * ADDRESS, (slot + 1) * ADDRESS));
  sameAddress = (slot: number, address: Buffer) =>
    this.addresses.compare(address, 0, ADDRESS, slot * ADDRESS, (slot + 1) * ADDRESS) === 0;

  /** False when the slot was seen already (a page repeated an object as data moved under it). */
  see(slot: number): boolean {
    if (this.seenBytes[slot]) return false;
    this.seenBytes[slot] = 1;
    return true;
  }

  /** Marks every row of `type` under `parentId` seen (its list was not read: known unchanged); returns how many. */
  seeChildren(type: string, parentId: string): number {
    let n = 0;
    for (const slot of this.children.get(type)?.get(parentId) ?? []) if (this.see(slot)) n++;
    return n;
  }

  *unseen(): Generator<{ type: string; id: string; slot: number }> {
    for (const [type, ids] of this.byType)
      for (const [id, slot] of ids) if (!this.seenBytes[slot]) yield { type, id, slot };
  }

  *keys(): Generator<string> {
    for (const [type, ids] of this.byType) for (const id of ids.keys()) yield refKey(type, id);
  }

  /** The same manifest, only for these keys. */
  only(keys: Iterable<string>): Manifest {
    const m = new Manifest();
    for (const k of keys) {
      const { type, id } = fromKey(k);
      const slot = this.slot(type, id);
      if (slot !== undefined) m.add(type, id, this.address(slot));
    }
    return m;
  }

  private grow() {
    const bigger = Buffer.alloc(this.addresses.length * 2);
    this.addresses.copy(bigger);
    this.addresses = bigger;
    const seen = new Uint8Array(this.seenBytes.length * 2);
    seen.set(this.seenBytes);
    this.seenBytes = seen;
  }
}

export async function loadManifest(
  db: Db,
  snap: Pick<Selectable<Snapshots>, 'connection_id' | 'seq'>,
  o: { types: readonly string[]; childIndexed?: Iterable<string> },
): Promise<Manifest> {
  const m = new Manifest(o.childIndexed);
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
      for (const r of rows) m.add(type, r.object_id, r.address);
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.object_id;
    }
  }
  return m;
}
