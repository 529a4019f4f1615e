import { hash } from 'node:crypto';
import type { Db } from '../deps.ts';
import { entryKey } from './snapshots.fns.ts';

const EMPTY = 0;
/** In the last complete snapshot, not seen yet in this backup. */
const PREVIOUS = 1;
const SEEN = 2;
/** Bytes of a content address kept to tell a changed version from the stored one: a 2^-64 chance of missing a change. */
const ADDR = 8;
/** Linear probing stays short up to here; beyond it the table doubles. */
const MAX_LOAD = 0.75;
const PAGE = 20_000;

/** 96 bits of SHA-256 of an object's key: a collision among a million objects is a 10^-17 event. */
const keyHash = (key: string) => hash('sha256', key, 'buffer').subarray(0, 12);

/**
 * What a backup remembers about objects: each object of the last complete snapshot with the first
 * 64 bits of its address, and each object seen so far in this backup. An open-addressing table over
 * typed arrays, keyed by a 96-bit hash of `type\0id`, 21 bytes a slot: a 100k-user org (700k objects)
 * costs about 22 MB instead of the hundreds a Map of strings did, and the garbage collector has
 * nothing in it to trace. Keys are not kept: removed objects are found by reading the
 * manifest again at the end (`removed`).
 */
export class ObjectIndex {
  private keys: Uint32Array;
  private addrs: Uint8Array;
  private states: Uint8Array;
  private size = 0;
  /** Objects in the last complete snapshot. */
  previousCount = 0;
  /** Distinct objects taken in this backup so far. */
  seenCount = 0;

  constructor(capacity = 1024) {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(1024, capacity / MAX_LOAD)));
    this.keys = new Uint32Array(cap * 3);
    this.addrs = new Uint8Array(cap * ADDR);
    this.states = new Uint8Array(cap);
  }

  /** The current entries of a connection, read a page at a time (never all rows at once). */
  static async load(db: Db, connectionId: string): Promise<ObjectIndex> {
    const index = new ObjectIndex();
    for await (const r of currentEntries(db, connectionId, { addresses: true })) {
      index.insert(keyHash(entryKey(r.type, r.object_id)), PREVIOUS, r.address!);
      index.previousCount++;
    }
    return index;
  }

  /**
   * Takes an object: undefined when this backup already took it (pages can repeat an object when
   * data moves under them), else the stored address prefix (null when the object is new).
   */
  take(key: string): { before: Buffer | null } | undefined {
    const h = keyHash(key);
    const slot = this.find(h);
    if (slot >= 0 && this.states[slot] === SEEN) return undefined;
    this.seenCount++;
    if (slot >= 0) {
      this.states[slot] = SEEN;
      return { before: Buffer.from(this.addrs.buffer, slot * ADDR, ADDR) };
    }
    this.insert(h, SEEN);
    return { before: null };
  }

  /** Whether the stored version is this address (its first 64 bits). */
  static same(before: Buffer | null, address: Buffer): boolean {
    return !!before && before.equals(address.subarray(0, ADDR));
  }

  /** Objects of the last snapshot (entries older than `seq`, still current) this backup never saw. */
  async removed(db: Db, connectionId: string, seq: number): Promise<{ type: string; objectId: string }[]> {
    const out: { type: string; objectId: string }[] = [];
    for await (const r of currentEntries(db, connectionId, { beforeSeq: seq })) {
      if (this.states[this.find(keyHash(entryKey(r.type, r.object_id)))] === PREVIOUS) out.push({ type: r.type, objectId: r.object_id });
    }
    return out;
  }

  private find(h: Buffer): number {
    const a = h.readUInt32LE(0);
    const b = h.readUInt32LE(4);
    const c = h.readUInt32LE(8);
    const mask = this.states.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (this.states[slot] === EMPTY) return -1;
      if (this.keys[slot * 3] === a && this.keys[slot * 3 + 1] === b && this.keys[slot * 3 + 2] === c) return slot;
    }
  }

  private insert(h: Buffer, state: number, address?: Uint8Array) {
    this.insertKey(h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), state, address);
  }

  private insertKey(a: number, b: number, c: number, state: number, address?: Uint8Array) {
    if ((this.size + 1) / this.states.length > MAX_LOAD) this.grow();
    const mask = this.states.length - 1;
    let slot = a & mask;
    while (this.states[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.keys[slot * 3] = a;
    this.keys[slot * 3 + 1] = b;
    this.keys[slot * 3 + 2] = c;
    if (address) this.addrs.set(address.subarray(0, ADDR), slot * ADDR);
    this.states[slot] = state;
    this.size++;
  }

  private grow() {
    const { keys, addrs, states } = this;
    const bigger = new ObjectIndex(states.length * 2 * MAX_LOAD);
    for (let slot = 0; slot < states.length; slot++) {
      if (states[slot] === EMPTY) continue;
      bigger.insertKey(keys[slot * 3]!, keys[slot * 3 + 1]!, keys[slot * 3 + 2]!, states[slot]!, addrs.subarray(slot * ADDR, slot * ADDR + ADDR));
    }
    this.keys = bigger.keys;
    this.addrs = bigger.addrs;
    this.states = bigger.states;
  }
}

/** Current entries of a connection in (type, id) order, a page at a time. */
async function* currentEntries(db: Db, connectionId: string, o: { addresses?: boolean; beforeSeq?: number }) {
  let after: [string, string] | undefined;
  for (;;) {
    let q = db
      .selectFrom('snapshot_entries')
      .select(o.addresses ? ['type', 'object_id', 'address'] : ['type', 'object_id'])
      .where('connection_id', '=', connectionId)
      .where('to_seq', 'is', null)
      .orderBy('type')
      .orderBy('object_id')
      .limit(PAGE);
    if (o.beforeSeq !== undefined) q = q.where('from_seq', '<', o.beforeSeq);
    if (after) {
      const [t, id] = after;
      q = q.where((eb) => eb(eb.refTuple('type', 'object_id'), '>', eb.tuple(t, id)));
    }
    const rows = (await q.execute()) as { type: string; object_id: string; address?: Buffer }[];
    yield* rows;
    if (rows.length < PAGE) return;
    after = [rows.at(-1)!.type, rows.at(-1)!.object_id];
  }
}
