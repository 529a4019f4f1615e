import type { DB, Kysely } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { beginBackup } from './begin-backup.ts';
import { closeEntries, type IngestContext, ingestBatch } from './ingest-batch.ts';
import { type BackupProgress, INGEST_BATCH, entryKey, splitKey } from './snapshots.fns.ts';
import { undoSnapshotWrites } from './undo-snapshot-writes.ts';

export interface TRunBackupInput {
  tenantId: string;
  connectionId: string;
  trigger: string;
  client: IdpClient;
  types?: string[];
  onProgress?: (p: BackupProgress) => void;
  signal?: AbortSignal;
}

const PROGRESS_EVERY_MS = 1000;

/**
 * One backup of one connection: streams every object from the IdP into content-addressed versions,
 * writing only what changed since the last complete snapshot, then makes the snapshot visible in one
 * transaction. Killed midway, it leaves an invisible running snapshot that the next attempt undoes.
 */
export async function runBackup(deps: Deps & { db: Kysely<DB> }, input: TRunBackupInput) {
  const started = await beginBackup(deps, input);
  const { snapshotId, seq } = started;
  const ctx: IngestContext = {
    db: deps.db,
    tenantId: input.tenantId,
    connectionId: input.connectionId,
    seq,
    contentKey: deps.keyring.contentKey(input.tenantId),
    dataKey: await deps.keyring.dataKey(deps.db, input.tenantId),
    previous: await currentAddresses(deps, input.connectionId),
    seen: new Set(),
  };
  const totals = { added: 0, changed: 0, removed: 0, rowsWritten: 0, bytesWritten: 0 };
  const counts: Record<string, number> = {};
  let lastBeat = 0;
  const beat = async (phase: BackupProgress['phase'], force = false) => {
    const stats = input.client.stats();
    const progress: BackupProgress = { phase, objects: ctx.seen.size, requests: stats.requests, rateLimitWaits: stats.rateLimitWaits };
    input.onProgress?.(progress);
    if (!force && Date.now() - lastBeat < PROGRESS_EVERY_MS) return;
    lastBeat = Date.now();
    await deps.db.updateTable('snapshots').set({ progress: JSON.stringify(progress), heartbeat_at: deps.clock() }).where('id', '=', snapshotId).execute();
  };
  try {
    let batch: IdpObject[] = [];
    const flush = async () => {
      const r = await ingestBatch(ctx, batch);
      for (const k of ['added', 'changed', 'rowsWritten', 'bytesWritten'] as const) totals[k] += r[k];
      batch = [];
      await beat('reading');
    };
    for await (const o of input.client.listObjects({ types: input.types, signal: input.signal })) {
      counts[o.type] = (counts[o.type] ?? 0) + 1;
      batch.push(o);
      if (batch.length >= INGEST_BATCH) await flush();
    }
    await flush();
    await beat('finishing', true);
    return await complete(deps, { ...input, snapshotId, seq, ctx, totals, counts, startedAt: started.startedAt });
  } catch (e) {
    await fail(deps, { ...input, snapshotId, seq, error: e });
    throw e;
  }
}

async function currentAddresses(deps: Deps, connectionId: string) {
  const rows = await deps.db
    .selectFrom('snapshot_entries')
    .select(['type', 'object_id', 'address'])
    .where('connection_id', '=', connectionId)
    .where('to_seq', 'is', null)
    .execute();
  return new Map(rows.map((r) => [entryKey(r.type, r.object_id), r.address.toString('hex')]));
}

async function complete(
  deps: Deps,
  s: TRunBackupInput & { snapshotId: string; seq: number; ctx: IngestContext; totals: Record<string, number>; counts: Record<string, number>; startedAt: Date },
) {
  const removedKeys = [...s.ctx.previous.keys()].filter((k) => !s.ctx.seen.has(k)).map(splitKey);
  // Types that were not read this time (a partial backup) keep their objects.
  const readTypes = s.types ? new Set(s.types) : undefined;
  const removed = readTypes ? removedKeys.filter((k) => readTypes.has(k.type)) : removedKeys;
  const objectCount = s.ctx.previous.size + s.totals.added! - removed.length;
  const stats = s.client.stats();
  const completedAt = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    for (let i = 0; i < removed.length; i += 1000) await closeEntries(trx, s.connectionId, s.seq, removed.slice(i, i + 1000));
    const changes = { added: s.totals.added!, changed: s.totals.changed!, removed: removed.length };
    const row = await trx
      .updateTable('snapshots')
      .set({
        status: 'complete',
        completed_at: completedAt,
        object_count: objectCount,
        counts: JSON.stringify(s.counts),
        changes: JSON.stringify(changes),
        stats: JSON.stringify({ ...stats, durationMs: completedAt.getTime() - s.startedAt.getTime() }),
        progress: JSON.stringify({ phase: 'done', objects: s.ctx.seen.size, requests: stats.requests, rateLimitWaits: stats.rateLimitWaits }),
        rows_written: s.totals.rowsWritten! + removed.length,
        bytes_written: s.totals.bytesWritten!,
      })
      .where('id', '=', s.snapshotId)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new Error('The snapshot was taken over by another backup');
    await appendAuditEvent({ ...deps, db: trx }, {
      tenantId: s.tenantId,
      action: 'backup.completed',
      target: { type: 'snapshot', id: s.snapshotId },
      data: { connectionId: s.connectionId, seq: s.seq, objects: row.object_count, ...changes },
    });
    return row;
  });
}

async function fail(deps: Deps, s: TRunBackupInput & { snapshotId: string; seq: number; error: unknown }) {
  const message = (s.error as Error)?.message ?? String(s.error);
  await inTransaction(deps.db, async (trx) => {
    await undoSnapshotWrites(trx, s.connectionId, s.seq);
    await trx.updateTable('snapshots').set({ status: 'failed', error: message.slice(0, 2000), completed_at: deps.clock() }).where('id', '=', s.snapshotId).where('status', '=', 'running').execute();
    await appendAuditEvent({ ...deps, db: trx }, { tenantId: s.tenantId, action: 'backup.failed', outcome: 'failure', target: { type: 'snapshot', id: s.snapshotId }, data: { connectionId: s.connectionId, error: message.slice(0, 500) } });
  }).catch((e) => deps.log.error({ err: e }, 'could not record a failed backup'));
}
