import { type DB, type Kysely, type Transaction, sql } from '@butterfly/db';
import type { IdpObject } from '../idp/types.ts';
import { contentAddress, sealBody, stripLinks } from './object-codec.fns.ts';
import { ObjectIndex } from './object-index.ts';
import { entryKey } from './snapshots.fns.ts';

export interface IngestContext {
  db: Kysely<DB>;
  tenantId: string;
  connectionId: string;
  seq: number;
  contentKey: Buffer;
  dataKey: { version: number; key: Buffer };
  /** The last complete snapshot's objects and this one's so far. */
  index: ObjectIndex;
  /** Ids of objects added or changed, when a previous snapshot exists to attribute them against. */
  changedIds?: Set<string>;
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
  const versions: { tenant_id: string; address: Buffer; type: string; object_id: string; body: Buffer; size: number }[] = [];
  const opened: { tenant_id: string; connection_id: string; type: string; object_id: string; address: Buffer; from_seq: number }[] = [];
  const closed: { type: string; objectId: string }[] = [];
  for (const o of objects) {
    const taken = ctx.index.take(entryKey(o.type, o.id));
    if (!taken) continue;
    const { before } = taken;
    const body = o.linksAreData ? o.body : stripLinks(o.body);
    const address = contentAddress(ctx.contentKey, o.type, body);
    if (ObjectIndex.same(before, address)) continue;
    if (before) {
      closed.push({ type: o.type, objectId: o.id });
      result.changed++;
    } else result.added++;
    ctx.changedIds?.add(o.id);
    const json = JSON.stringify(body);
    const sealed = sealBody(ctx.dataKey, ctx.tenantId, address, json);
    versions.push({ tenant_id: ctx.tenantId, address, type: o.type, object_id: o.id, body: sealed, size: json.length });
    opened.push({ tenant_id: ctx.tenantId, connection_id: ctx.connectionId, type: o.type, object_id: o.id, address, from_seq: ctx.seq });
  }
  if (!opened.length) return result;
  // Two batches may be written at once (run-backup.ts): rows in address order take their locks in
  // one order, so two transactions inserting the same content never wait on each other in a cycle.
  versions.sort((a, b) => Buffer.compare(a.address, b.address));
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('object_versions')
      .values(versions)
      .onConflict((oc) => oc.columns(['tenant_id', 'address']).doNothing())
      .returning(sql<number>`octet_length(body)`.as('bytes'))
      .execute();
    result.rowsWritten += inserted.length;
    result.bytesWritten += inserted.reduce((n, r) => n + r.bytes, 0);
    if (closed.length) await closeEntries(trx, ctx.connectionId, ctx.seq, closed);
    await trx.insertInto('snapshot_entries').values(opened).execute();
    result.rowsWritten += opened.length + closed.length;
    result.bytesWritten += opened.reduce((n, r) => n + r.address.length + r.type.length + r.object_id.length + 16, 0);
  });
  return result;
}

/** Ends the current entry of each object at `seq` (changed or removed in that snapshot). */
export async function closeEntries(trx: Transaction<DB>, connectionId: string, seq: number, keys: { type: string; objectId: string }[]) {
  await trx
    .updateTable('snapshot_entries')
    .set({ to_seq: seq })
    .where('connection_id', '=', connectionId)
    .where('to_seq', 'is', null)
    .where((eb) => eb(eb.refTuple('type', 'object_id'), 'in', keys.map((k) => eb.tuple(k.type, k.objectId))))
    .execute();
}
