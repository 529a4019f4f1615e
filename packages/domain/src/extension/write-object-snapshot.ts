import { sql } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpObject } from '../idp/types.ts';
import { bodyStoreOf } from '../bodies/open-bodies.ts';
import { closeEntries } from '../snapshots/ingest-batch.ts';
import { contentAddress, sealBody, stripLinks } from '../bodies/object-codec.fns.ts';

/**
 * Stores one object as a complete snapshot of kind `object`, in one transaction under the
 * connection's backup lock. It takes the next sequence number, so the object's entry chain stays
 * one chain: the version opens at this seq (closing the one it replaces), every later full backup
 * sees it as current, and the object's history shows it. It names its object (object_type,
 * object_id), which is how lists, diffs, retention and scans leave it out. An unchanged object
 * still gets its snapshot: "backed up at" moves, and nothing else is written.
 */
export async function writeObjectSnapshot(
  deps: Deps,
  input: { tenantId: string; connectionId: string; object: IdpObject; trigger: string },
) {
  const { tenantId, connectionId, object: o } = input;
  const body = o.linksAreData ? o.body : stripLinks(o.body);
  const address = contentAddress(deps.keyring.contentKey(tenantId), o.type, body);
  const dataKey = await deps.keyring.dataKey(deps.db, tenantId);
  return inTransaction(deps.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${connectionId}`}, 0))`.execute(trx);
    // A running full backup owns the next seq and is writing entries: its snapshot will hold the object anyway.
    const running = await trx
      .selectFrom('snapshots')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running)
      throw new DomainError('CONFLICT', 'A backup of this connection is running; it will include this object');
    const last = await trx
      .selectFrom('snapshots')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    const now = deps.clock();
    const current = await trx
      .selectFrom('snapshot_entries')
      .select('address')
      .where('connection_id', '=', connectionId)
      .where('type', '=', o.type)
      .where('object_id', '=', o.id)
      .where('to_seq', 'is', null)
      .executeTakeFirst();
    const changed = !current?.address.equals(address);
    const json = JSON.stringify(body);
    const snapshot = await trx
      .insertInto('snapshots')
      .values({
        tenant_id: tenantId,
        connection_id: connectionId,
        seq,
        kind: 'object',
        object_type: o.type,
        object_id: o.id,
        status: 'complete',
        trigger: input.trigger,
        started_at: now,
        completed_at: now,
        heartbeat_at: now,
        object_count: 1,
        counts: JSON.stringify({ [o.type]: 1 }),
        changes: JSON.stringify({ added: current ? 0 : 1, changed: current && changed ? 1 : 0, removed: 0 }),
        progress: JSON.stringify({ phase: 'done', objects: 1, requests: 1, rateLimitWaits: 0 }),
        rows_written: changed ? (current ? 3 : 2) : 0,
        bytes_written: changed ? json.length : 0,
      })
      .returning(['id', 'seq', 'completed_at'])
      .executeTakeFirstOrThrow();
    if (changed) {
      await bodyStoreOf(deps).put(trx, tenantId, [
        {
          address,
          type: o.type,
          objectId: o.id,
          sealed: sealBody(dataKey, tenantId, address, json),
          size: json.length,
        },
      ]);
      if (current) await closeEntries(trx, connectionId, seq, [{ type: o.type, objectId: o.id }]);
      await trx
        .insertInto('snapshot_entries')
        .values({
          tenant_id: tenantId,
          connection_id: connectionId,
          type: o.type,
          object_id: o.id,
          address,
          from_seq: seq,
        })
        .execute();
    }
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'backup.object_snapshot',
        target: { type: 'snapshot', id: snapshot.id },
        data: { connectionId, seq, objectType: o.type, objectId: o.id, changed, trigger: input.trigger },
      },
    );
    return { snapshotId: snapshot.id, seq, at: snapshot.completed_at!, changed, added: !current };
  });
}
