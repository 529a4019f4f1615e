import type { DB, Transaction } from '@butterfly/db';
import { openJson, sealJson } from '../bodies/object-codec.fns.ts';
import type { Db } from '../deps.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import type { ObjectIndex } from './object-index.ts';
import { typeIndexOf } from './objects.fns.ts';
import { entryKey } from './snapshots.fns.ts';

/** What a backup records about the types it read through the provider's change feed (in `stats.changeFeed`). */
export interface ChangeFeedStats {
  /** Types read incrementally: objects changed (read whole), removed, and kept from the last snapshot unread. */
  incremental: Record<string, { changed: number; removed: number; kept: number }>;
  /** Types listed in full beside a fresh cursor: no cursor yet, or the provider no longer knew it (`expired`). */
  full: string[];
  expired: string[];
}

export interface ChangeFeedPlan {
  /** The types to list (undefined: the backup's own choice, nothing is read incrementally). */
  listTypes?: string[];
  /** Objects that changed in the incrementally read types: ingested like listed ones. */
  changed: IdpObject[];
  /** Marks every stored object of the incremental types as kept, but the changed and removed ones. */
  keep(index: ObjectIndex): Promise<void>;
  /** The cursors to store with the snapshot, by type. */
  cursors: Map<string, string>;
  stats: ChangeFeedStats;
}

const binding = (tenantId: string, connectionId: string, type: string) =>
  Buffer.from(`${tenantId}|change-cursor|${connectionId}|${type}`);

/**
 * Decision 060: which types a backup reads through the provider's change feed (Graph delta). A
 * `changeFeed` type whose children are not read in the same backup is read incrementally when the
 * last complete full snapshot left a cursor for it: only what changed is read (whole), the rest is
 * kept from that snapshot unread, what was removed is not kept. Without a cursor, or when the
 * provider no longer knows it, the type is listed in full, and a cursor from before the listing is
 * stored, so nothing that changes during the listing is missed next time (at worst read twice).
 */
export async function planChangeFeeds(
  db: Db,
  s: {
    tenantId: string;
    connectionId: string;
    client: IdpClient;
    types?: string[];
    last?: { id: string };
    dataKey: { version: number; key: Buffer };
    signal?: AbortSignal;
  },
): Promise<ChangeFeedPlan> {
  const stats: ChangeFeedStats = { incremental: {}, full: [], expired: [] };
  const plan: ChangeFeedPlan = { changed: [], keep: async () => {}, cursors: new Map(), stats };
  const readChanges = s.client.readChanges?.bind(s.client);
  if (!readChanges) return plan;
  const index = typeIndexOf(s.client);
  const read = s.types ?? [...index.values()].filter((t) => !t.optional).map((t) => t.type);
  // A type whose children are read is listed: its children are found by walking its list.
  const feeds = read.filter((t) => index.get(t)?.changeFeed && !read.some((c) => index.get(c)?.parent === t));
  if (!feeds.length) return plan;
  const stored = s.last ? await storedCursors(db, s, s.last.id, feeds) : new Map<string, string>();
  const incremental = new Map<string, { changed: IdpObject[]; removed: string[] }>();
  for (const type of feeds) {
    const cursor = stored.get(type);
    if (cursor !== undefined) {
      const r = await readChanges(type, { cursor, signal: s.signal });
      if (!r.expired) {
        incremental.set(type, r);
        plan.cursors.set(type, r.cursor);
        continue;
      }
      stats.expired.push(type);
    }
    const fresh = await readChanges(type, { signal: s.signal });
    if (fresh.expired) throw new Error(`The provider refused a fresh change cursor for ${type}`);
    plan.cursors.set(type, fresh.cursor);
    stats.full.push(type);
  }
  if (!incremental.size) return plan;
  plan.listTypes = read.filter((t) => !incremental.has(t));
  plan.changed = [...incremental.values()].flatMap((r) => r.changed);
  plan.keep = async (objects) => {
    for (const [type, r] of incremental) {
      const skip = new Set([...r.changed.map((o) => o.id), ...r.removed]);
      let kept = 0;
      for (const id of await currentIds(db, s.tenantId, s.connectionId, type))
        if (!skip.has(id) && objects.keep(type, entryKey(type, id))) kept++;
      stats.incremental[type] = { changed: r.changed.length, removed: r.removed.length, kept };
    }
  };
  return plan;
}

/** The cursors the given snapshot left (others are stale: a later or a failed backup read past them). */
async function storedCursors(
  db: Db,
  s: { tenantId: string; connectionId: string; dataKey: { key: Buffer } },
  snapshotId: string,
  types: string[],
) {
  const rows = await db
    .selectFrom('connection_change_cursors')
    .select(['type', 'cursor_sealed'])
    .where('tenant_id', '=', s.tenantId)
    .where('connection_id', '=', s.connectionId)
    .where('snapshot_id', '=', snapshotId)
    .where('type', 'in', types)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) {
    try {
      out.set(r.type, openJson(s.dataKey.key, binding(s.tenantId, s.connectionId, r.type), r.cursor_sealed));
    } catch {
      // Sealed under a key since rotated away: a full read of the type makes a new one.
    }
  }
  return out;
}

/** The ids of a type in the connection's current entries (the last complete snapshot's objects). */
async function currentIds(db: Db, tenantId: string, connectionId: string, type: string): Promise<string[]> {
  const rows = await db
    .selectFrom('snapshot_entries')
    .select('object_id')
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('type', '=', type)
    .where('to_seq', 'is', null)
    .execute();
  return rows.map((r) => r.object_id);
}

/** Stores the cursors with the snapshot that read them; runs in the transaction that makes it visible. */
export async function storeChangeCursors(
  trx: Transaction<DB>,
  s: {
    tenantId: string;
    connectionId: string;
    snapshotId: string;
    dataKey: { version: number; key: Buffer };
    cursors: Map<string, string>;
  },
) {
  const rows = [...s.cursors].map(([type, cursor]) => ({
    connection_id: s.connectionId,
    type,
    tenant_id: s.tenantId,
    snapshot_id: s.snapshotId,
    cursor_sealed: sealJson(s.dataKey, binding(s.tenantId, s.connectionId, type), cursor),
  }));
  if (!rows.length) return;
  await trx
    .insertInto('connection_change_cursors')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['connection_id', 'type']).doUpdateSet((eb) => ({
        snapshot_id: eb.ref('excluded.snapshot_id'),
        cursor_sealed: eb.ref('excluded.cursor_sealed'),
      })),
    )
    .execute();
}
