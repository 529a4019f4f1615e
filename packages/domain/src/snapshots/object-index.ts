import { hash } from 'node:crypto';
import type { Db } from '../deps.ts';
import { entryKey } from './snapshots.fns.ts';

const EMPTY = 0;
/** In the last complete snapshot, not seen yet in this backup. */
const PREVIOUS = 1;
const SEEN = 2;
/** In the last complete snapshot and not listed, because its parent says it has not changed (`seeChildren`). */
const KEPT = 3;
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
  /** Distinct objects taken (or kept unread) in this backup so far. */
  seenCount = 0;
  /** Objects kept unread, by type (less those `removed` then found gone). */
  readonly keptUnread = new Map<string, number>();
  /**
   * Key hashes of the stored children of types that can be kept unread, three words each, and the runs
   * [start, end) of each parent's: entries load in (type, id) order and a child's id starts with its
   * parent's, so a parent's children are one run (several only where the collation interleaves ids).
   * ~12 bytes a membership.
   */
  private childHashes = new Uint32Array(0);
  private childCount = 0;
  private readonly childRuns = new Map<string, number[]>();

  constructor(capacity = 1024) {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(1024, capacity / MAX_LOAD)));
    this.keys = new Uint32Array(cap * 3);
    this.addrs = new Uint8Array(cap * ADDR);
    this.states = new Uint8Array(cap);
  }

  /**
   * The current entries of a connection, read a page at a time (never all rows at once). Children of
   * `keepable` types are also grouped by parent, so a parent's unchanged children can be kept unread.
   */
  static async load(db: Db, connectionId: string, keepable: ReadonlySet<string> = new Set()): Promise<ObjectIndex> {
    const index = new ObjectIndex();
    for await (const r of currentEntries(db, connectionId, { addresses: true })) {
      const h = keyHash(entryKey(r.type, r.object_id));
      index.insert(h, PREVIOUS, r.address!);
      index.previousCount++;
      if (keepable.has(r.type)) index.addChild(r.type, r.object_id.slice(0, r.object_id.lastIndexOf('/')), h);
    }
    return index;
  }

  /**
   * Keeps every stored child of `type` under `parentId` without reading it (the parent says they have
   * not changed: a group's `lastMembershipUpdated`). Returns how many; `removed` checks them again.
   */
  seeChildren(type: string, parentId: string): number {
    const runs = this.childRuns.get(entryKey(type, parentId)) ?? [];
    let n = 0;
    for (let r = 0; r < runs.length; r += 2) {
      for (let i = runs[r]!; i < runs[r + 1]!; i++) {
        const slot = this.findKey(this.childHashes[i * 3]!, this.childHashes[i * 3 + 1]!, this.childHashes[i * 3 + 2]!);
        if (slot < 0 || this.states[slot] !== PREVIOUS) continue;
        this.states[slot] = KEPT;
        n++;
      }
    }
    this.seenCount += n;
    this.keptUnread.set(type, (this.keptUnread.get(type) ?? 0) + n);
    return n;
  }

  /**
   * Keeps one stored object without reading it (decision 060: the provider's change feed says it
   * has not changed). False when it is not in the last snapshot or this backup already has it.
   */
  keep(type: string, key: string): boolean {
    const slot = this.find(keyHash(key));
    if (slot < 0 || this.states[slot] !== PREVIOUS) return false;
    this.states[slot] = KEPT;
    this.seenCount++;
    this.keptUnread.set(type, (this.keptUnread.get(type) ?? 0) + 1);
    return true;
  }

  private addChild(type: string, parentId: string, h: Buffer) {
    if ((this.childCount + 1) * 3 > this.childHashes.length) {
      const bigger = new Uint32Array(Math.max(3072, this.childHashes.length * 2));
      bigger.set(this.childHashes);
      this.childHashes = bigger;
    }
    this.childHashes.set([h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8)], this.childCount * 3);
    const key = entryKey(type, parentId);
    const runs = this.childRuns.get(key);
    if (!runs) this.childRuns.set(key, [this.childCount, this.childCount + 1]);
    else if (runs.at(-1) === this.childCount) runs[runs.length - 1] = this.childCount + 1;
    else runs.push(this.childCount, this.childCount + 1);
    this.childCount++;
  }

  /**
   * Takes an object: undefined when this backup already took it (pages can repeat an object when
   * data moves under them), else the stored address prefix (null when the object is new).
   */
  take(key: string): { before: Buffer | null } | undefined {
    const h = keyHash(key);
    const slot = this.find(h);
    if (slot >= 0 && (this.states[slot] === SEEN || this.states[slot] === KEPT)) return undefined;
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

  /**
   * Objects of the last snapshot (entries older than `seq`, still current) this backup never saw, and
   * children kept unread whose `target` (the user a membership names) this backup read and did not find.
   */
  async removed(
    db: Db,
    connectionId: string,
    seq: number,
    target?: (type: string, objectId: string) => string | undefined,
  ): Promise<{ type: string; objectId: string }[]> {
    const out: { type: string; objectId: string }[] = [];
    for await (const r of currentEntries(db, connectionId, { beforeSeq: seq })) {
      const state = this.states[this.find(keyHash(entryKey(r.type, r.object_id)))];
      if (state === PREVIOUS) out.push({ type: r.type, objectId: r.object_id });
      else if (state === KEPT) {
        const t = target?.(r.type, r.object_id);
        if (t !== undefined && this.states[this.find(keyHash(t))] !== SEEN) {
          out.push({ type: r.type, objectId: r.object_id });
          this.keptUnread.set(r.type, this.keptUnread.get(r.type)! - 1);
        }
      }
    }
    return out;
  }

  private find(h: Buffer): number {
    return this.findKey(h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8));
  }

  private findKey(a: number, b: number, c: number): number {
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
      bigger.insertKey(
        keys[slot * 3]!,
        keys[slot * 3 + 1]!,
        keys[slot * 3 + 2]!,
        states[slot]!,
        addrs.subarray(slot * ADDR, slot * ADDR + ADDR),
      );
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
