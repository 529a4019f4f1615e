import { type DB, type Kysely, type Transaction, sql } from '@butterfly/db';
import type { BodyStore, NewVersion } from '../bodies/body-store.ts';
import { packedBytes } from '../bodies/packed-bytes.fns.ts';
import type { IdpObject } from '../idp/types.ts';
import { addressOf, canonical } from '../bodies/content-address.fns.ts';
import { sealBody, stripLinks } from '../bodies/object-codec.fns.ts';
import { ObjectIndex } from './object-index.ts';
import type { ProjectionCollector } from './projections.ts';
import type { SmallBodies } from './small-bodies.ts';
import { entryKey } from './snapshots.fns.ts';

export interface IngestContext {
  db: Kysely<DB>;
  /** Where the sealed bodies go (decision 044); the index rows stay in Postgres. */
  bodies: BodyStore;
  tenantId: string;
  connectionId: string;
  /** The running snapshot written to; a batch is refused once it is no longer running (taken over). */
  snapshotId: string;
  seq: number;
  contentKey: Buffer;
  dataKey: { version: number; key: Buffer };
  /** The last complete snapshot's objects and this one's so far. */
  index: ObjectIndex;
  /** Ids of objects added or changed, when a previous snapshot exists to attribute them against. */
  changedIds?: Set<string>;
  /** Decision 051: the scanned fields of big types, kept as one sealed projection per snapshot. */
  projections?: ProjectionCollector;
  /** Addresses of the small bodies this backup has stored or found stored (`SmallBodies`). */
  smallBodies?: SmallBodies;
}

interface NewEntry {
  type: string;
  object_id: string;
  address: Buffer;
}

export interface BatchResult {
  added: number;
  changed: number;
  rowsWritten: number;
  bytesWritten: number;
}

/**
 * Writes one batch of objects in one transaction: unchanged objects cost nothing; a new or changed
 * one stores its version (once per distinct content) and opens an entry, closing the one it replaces.
 */
export async function ingestBatch(ctx: IngestContext, objects: IdpObject[]): Promise<BatchResult> {
  const result: BatchResult = { added: 0, changed: 0, rowsWritten: 0, bytesWritten: 0 };
  const versions: NewVersion[] = [];
  const opened: NewEntry[] = [];
  const closed: { type: string; objectId: string }[] = [];
  const small = ctx.smallBodies?.batch();
  for (const o of objects) {
    const taken = ctx.index.take(entryKey(o.type, o.id));
    if (!taken) continue;
    const { before } = taken;
    const body = o.linksAreData ? o.body : stripLinks(o.body);
    ctx.projections?.add(o.type, o.id, body);
    const canon = canonical(body);
    const known = small?.address(o.type, canon);
    const address = known ?? addressOf(ctx.contentKey, o.type, canon);
    if (ObjectIndex.same(before, address)) {
      if (!known) small?.unchanged(o.type, canon, address);
      continue;
    }
    if (before) {
      closed.push({ type: o.type, objectId: o.id });
      result.changed++;
    } else result.added++;
    ctx.changedIds?.add(o.id);
    opened.push({ type: o.type, object_id: o.id, address });
    if (known) continue;
    const json = JSON.stringify(body);
    const sealed = sealBody(ctx.dataKey, ctx.tenantId, address, json);
    versions.push({ address, type: o.type, objectId: o.id, sealed, size: json.length });
    small?.put(o.type, canon, address);
  }
  if (!opened.length) return result;
  await ctx.db.transaction().execute(async (trx) => {
    await stillRunning(trx, ctx.snapshotId);
    // Versions new to the tenant: index rows here, sealed bodies wherever the store keeps them.
    const stored = await ctx.bodies.put(trx, ctx.tenantId, versions);
    result.rowsWritten += stored.rows;
    result.bytesWritten += stored.bytes;
    if (closed.length) await closeEntries(trx, ctx.connectionId, ctx.seq, closed);
    await openEntries(trx, ctx, opened);
    result.rowsWritten += opened.length + closed.length;
    result.bytesWritten += opened.reduce((n, r) => n + r.address.length + r.type.length + r.object_id.length + 16, 0);
  });
  small?.commit();
  return result;
}

/** Ends the current entry of each object at `seq` (changed or removed in that snapshot). */
export async function closeEntries(
  trx: Transaction<DB>,
  connectionId: string,
  seq: number,
  keys: { type: string; objectId: string }[],
) {
  await trx
    .updateTable('snapshot_entries')
    .set({ to_seq: seq })
    .where('connection_id', '=', connectionId)
    .where('to_seq', 'is', null)
    .where((eb) =>
      eb(
        eb.refTuple('type', 'object_id'),
        'in',
        keys.map((k) => eb.tuple(k.type, k.objectId)),
      ),
    )
    .execute();
}

/*
 * Entries are sent as one array per column and spread by `unnest`, the addresses as one bytea end to
 * end, like the versions (bodies/version-store.ts): a short statement for Postgres to parse, the same
 * rows and constraints.
 */
function openEntries(trx: Transaction<DB>, ctx: IngestContext, rows: NewEntry[]) {
  const addresses = packedBytes(rows.map((r) => r.address));
  return sql`
    insert into snapshot_entries (tenant_id, connection_id, type, object_id, address, from_seq)
    select ${ctx.tenantId}::uuid, ${ctx.connectionId}::uuid, u.type, u.object_id,
           substring(${addresses.bytes}::bytea from u.a_at + 1 for u.a_len), ${ctx.seq}::int
    from unnest(${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.object_id)}::text[], ${addresses.at}::int[],
                ${addresses.lengths}::int[]) as u(type, object_id, a_at, a_len)`.execute(trx);
}

/**
 * The fence against a backup that was presumed dead (its worker lost the database for longer than
 * the liveness timeout) and taken over: its writes after the takeover would reopen entries the
 * takeover undid. FOR SHARE holds off the takeover's status change until this batch commits.
 */
async function stillRunning(trx: Transaction<DB>, snapshotId: string) {
  const row = await trx
    .selectFrom('snapshots')
    .select('status')
    .where('id', '=', snapshotId)
    .forShare()
    .executeTakeFirst();
  if (row?.status !== 'running') throw new Error('The snapshot was taken over by another backup');
}
