import { latestFullSnapshot } from '../connections/latest-full-snapshot.ts';
import type { DB, Kysely } from '@butterfly/db';
import { bodyStoreOf } from '../bodies/open-bodies.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import type { IdpClient, IdpLogEvent, IdpObject } from '../idp/types.ts';
import { beginBackup } from './begin-backup.ts';
import type { BackupChanges, BackupStats, CompletedBackup } from './completed-backup.ts';
import { keepUnchangedChildren } from './keep-unchanged-children.ts';
import { closeEntries, type IngestContext, ingestBatch } from './ingest-batch.ts';
import { SmallBodies } from './small-bodies.ts';
import { type ChangeFeedPlan, planChangeFeeds, storeChangeCursors } from './change-feeds.ts';
import { collectLogEvents, type LogWindowStats, storeLogEvents } from './log-events.ts';
import { objectSnapshotCarry } from './object-snapshot-carry.ts';
import { ObjectIndex } from './object-index.ts';
import { projectedFields } from '../compliance/projected-fields.fns.ts';
import { ProjectionCollector, storeProjections } from './projections.ts';
import { type BackupProgress, INGEST_BATCH, entryKey } from './snapshots.fns.ts';
import { abandonSnapshot, backupFailedEvent } from './abandon-snapshot.ts';

export interface TRunBackupInput {
  tenantId: string;
  connectionId: string;
  trigger: string;
  client: IdpClient;
  types?: string[];
  onProgress?: (p: BackupProgress) => void;
  /** How often the heartbeat beats while nothing arrives (default 20 s; tests shorten it). */
  heartbeatMs?: number;
  signal?: AbortSignal;
  /** Who runs it (`job:<id>` for a worker's job): a later attempt with the same owner takes over at once. */
  owner?: string;
}

const PROGRESS_EVERY_MS = 1000;
/** A batch is written when full or when this old, so progress moves on a slow (rate-limited) org too. */
const FLUSH_EVERY_MS = 1000;
/**
 * The heartbeat also beats while nothing arrives (the IdP's rate limits can hold a listing for a
 * minute): a live backup must never look stale (BACKUP_STALE_MS) and be taken over by a retry.
 */
const HEARTBEAT_MS = 20_000;

/**
 * One backup of one connection: streams every object from the IdP into content-addressed versions,
 * writing only what changed since the last complete snapshot, then makes the snapshot visible in one
 * transaction. Killed midway, it leaves an invisible running snapshot that the next attempt undoes.
 */
export async function runBackup(deps: Deps & { db: Kysely<DB> }, input: TRunBackupInput): Promise<CompletedBackup> {
  const started = await beginBackup(deps, input);
  const { snapshotId, seq } = started;
  // Single-object snapshots (the extension's) read no System Log window and count no changes.
  const last = await latestFullSnapshot(deps.db, input.tenantId, input.connectionId);
  const keep = await keepUnchangedChildren(deps, { ...input, last });
  const ctx: IngestContext = {
    db: deps.db,
    bodies: bodyStoreOf(deps),
    tenantId: input.tenantId,
    connectionId: input.connectionId,
    snapshotId,
    seq,
    contentKey: deps.keyring.contentKey(input.tenantId),
    dataKey: await deps.keyring.dataKey(deps.db, input.tenantId),
    index: await ObjectIndex.load(deps.db, input.connectionId, keep.keepable),
    // The first snapshot has nothing to attribute its objects against.
    changedIds: last ? new Set() : undefined,
    projections: new ProjectionCollector(projectedFields()),
    smallBodies: new SmallBodies(),
  };
  // Decision 060: types the provider's change feed covers are read as changes since the last snapshot.
  const feeds = await planChangeFeeds(deps.db, { ...input, last, dataKey: ctx.dataKey });
  await feeds.keep(ctx.index);
  const totals = { added: 0, changed: 0, removed: 0, rowsWritten: 0, bytesWritten: 0 };
  const counts: Record<string, number> = {};
  let lastBeat = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  const beat = async (phase: BackupProgress['phase'], force = false) => {
    const stats = input.client.stats();
    const progress: BackupProgress = {
      phase,
      objects: ctx.index.seenCount,
      requests: stats.requests,
      rateLimitWaits: stats.rateLimitWaits,
      rateLimitWaitMs: stats.rateLimitWaitMs,
    };
    input.onProgress?.(progress);
    if (!force && Date.now() - lastBeat < PROGRESS_EVERY_MS) return;
    lastBeat = Date.now();
    await deps.db
      .updateTable('snapshots')
      .set({ progress: JSON.stringify(progress), heartbeat_at: deps.clock() })
      .where('id', '=', snapshotId)
      .execute();
  };
  try {
    let batch: IdpObject[] = [];
    // One batch is written while the next is read and sealed: the database and the IdP work at once.
    // Batches are taken in listing order (ingestBatch's first, synchronous part), and at most one
    // write is in flight, so a later batch never overtakes an earlier one.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const objects = batch;
      batch = [];
      const previous = writing;
      writing = ingestBatch(ctx, objects).then(async (r) => {
        await previous;
        for (const k of ['added', 'changed', 'rowsWritten', 'bytesWritten'] as const) totals[k] += r[k];
        await beat('reading');
      });
      writing.catch(() => {}); // awaited below or by the next flush; never an unhandled rejection
      await previous;
    };
    let lastFlush = Date.now();
    heartbeat = setInterval(
      () => void beat('reading', true).catch((err) => deps.log.warn({ err }, 'backup heartbeat failed')),
      input.heartbeatMs ?? HEARTBEAT_MS,
    );
    const skipChildren = keep.skipChildren?.(ctx.index);
    const listed = input.client.listObjects({
      types: feeds.listTypes ?? input.types,
      signal: input.signal,
      skipChildren,
    });
    for await (const o of withChanged(feeds.changed, listed)) {
      counts[o.type] = (counts[o.type] ?? 0) + 1;
      batch.push(o);
      if (batch.length >= INGEST_BATCH || Date.now() - lastFlush >= FLUSH_EVERY_MS) {
        lastFlush = Date.now();
        await flush();
      }
    }
    await flush();
    await writing;
    await beat('finishing', true);
    const removed = await removedKeys(ctx, input.types, keep.target);
    for (const [type, n] of ctx.index.keptUnread) counts[type] = (counts[type] ?? 0) + n;
    const carried = last
      ? await carriedChanges(deps, input.connectionId, last.seq, seq, removed)
      : { added: 0, changed: 0, ids: [] };
    // Who changed what: the log events of the window since the last complete snapshot began reading.
    const log = last
      ? await collectLogEvents(input.client, {
          since: last.started_at,
          until: deps.clock(),
          changedIds: [...ctx.changedIds!, ...carried.ids, ...removed.map((k) => k.objectId)],
          signal: input.signal,
        })
      : undefined;
    return await complete(deps, {
      ...input,
      snapshotId,
      seq,
      ctx,
      totals,
      counts,
      removed,
      carried,
      log,
      feeds,
      startedAt: started.startedAt,
    });
  } catch (e) {
    await fail(deps, { ...input, snapshotId, seq, error: e });
    throw e;
  } finally {
    clearInterval(heartbeat);
  }
}

/** The changed objects a change feed read, then the listing. */
async function* withChanged(changed: IdpObject[], listed: AsyncIterable<IdpObject>) {
  yield* changed;
  yield* listed;
}

/** Changes single-object snapshots made since the last full one (object-snapshot-carry.ts), minus objects gone now. */
async function carriedChanges(
  deps: Deps,
  connectionId: string,
  sinceSeq: number,
  beforeSeq: number,
  removed: { type: string; objectId: string }[],
) {
  const gone = new Set(removed.map((k) => entryKey(k.type, k.objectId)));
  const rows = (await objectSnapshotCarry(deps.db, { connectionId, sinceSeq, beforeSeq })).filter(
    (r) => !gone.has(entryKey(r.type, r.objectId)),
  );
  return {
    added: rows.filter((r) => !r.existed).length,
    changed: rows.filter((r) => r.existed).length,
    ids: rows.map((r) => r.objectId),
  };
}

/** Objects of the last snapshot not seen this time; types that were not read (a partial backup) keep theirs. */
async function removedKeys(
  ctx: IngestContext,
  types?: string[],
  target?: (type: string, objectId: string) => string | undefined,
) {
  const gone = await ctx.index.removed(ctx.db, ctx.connectionId, ctx.seq, target);
  const readTypes = types ? new Set(types) : undefined;
  return readTypes ? gone.filter((k) => readTypes.has(k.type)) : gone;
}

async function complete(
  deps: Deps,
  s: TRunBackupInput & {
    snapshotId: string;
    seq: number;
    ctx: IngestContext;
    totals: Record<string, number>;
    counts: Record<string, number>;
    removed: { type: string; objectId: string }[];
    carried: { added: number; changed: number };
    log?: { events: IdpLogEvent[]; stats: LogWindowStats };
    feeds: ChangeFeedPlan;
    startedAt: Date;
  },
) {
  const { removed } = s;
  const objectCount = s.ctx.index.previousCount + s.totals.added! - removed.length;
  const requestStats = s.client.stats();
  const completedAt = deps.clock();
  const changes: BackupChanges = {
    added: s.totals.added! + s.carried.added,
    changed: s.totals.changed! + s.carried.changed,
    removed: removed.length,
  };
  const stats: BackupStats = {
    ...requestStats,
    durationMs: completedAt.getTime() - s.startedAt.getTime(),
    // Children kept unread because their parent had not changed (keep-unchanged-children.ts).
    childrenKeptUnread: [...s.ctx.index.keptUnread]
      .filter(([type]) => !(type in s.feeds.stats.incremental))
      .reduce((a, [, n]) => a + n, 0),
    ...(s.log ? { logEvents: s.log.stats } : {}),
    ...(s.feeds.cursors.size ? { changeFeed: s.feeds.stats } : {}),
  };
  const done: CompletedBackup = {
    snapshotId: s.snapshotId,
    tenantId: s.tenantId,
    connectionId: s.connectionId,
    seq: s.seq,
    trigger: s.trigger,
    startedAt: s.startedAt,
    completedAt,
    objectCount,
    counts: s.counts,
    changes,
    stats,
    rowsWritten: s.totals.rowsWritten! + removed.length,
    bytesWritten: s.totals.bytesWritten!,
  };
  return inTransaction(deps.db, async (trx) => {
    for (let i = 0; i < removed.length; i += 1000)
      await closeEntries(trx, s.connectionId, s.seq, removed.slice(i, i + 1000));
    const row = await trx
      .updateTable('snapshots')
      .set({
        status: 'complete',
        completed_at: completedAt,
        object_count: done.objectCount,
        counts: JSON.stringify(done.counts),
        changes: JSON.stringify(changes),
        stats: JSON.stringify(stats),
        progress: JSON.stringify({
          phase: 'done',
          objects: s.ctx.index.seenCount,
          requests: requestStats.requests,
          rateLimitWaits: requestStats.rateLimitWaits,
          rateLimitWaitMs: requestStats.rateLimitWaitMs,
        }),
        rows_written: done.rowsWritten,
        bytes_written: done.bytesWritten,
      })
      .where('id', '=', s.snapshotId)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new Error('The snapshot was taken over by another backup');
    await storeChangeCursors(trx, { ...s, dataKey: s.ctx.dataKey, cursors: s.feeds.cursors });
    if (s.ctx.projections)
      await storeProjections(trx, {
        tenantId: s.tenantId,
        snapshotId: s.snapshotId,
        dataKey: s.ctx.dataKey,
        projections: s.ctx.projections.whole(done.counts),
      });
    if (s.log)
      await storeLogEvents(trx, {
        tenantId: s.tenantId,
        snapshotId: s.snapshotId,
        dataKey: s.ctx.dataKey,
        events: s.log.events,
      });
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: s.tenantId,
        action: 'backup.completed',
        target: { type: 'snapshot', id: s.snapshotId },
        data: { connectionId: s.connectionId, seq: s.seq, objects: done.objectCount, ...changes },
      },
    );
    return done;
  });
}

async function fail(deps: Deps, s: TRunBackupInput & { snapshotId: string; seq: number; error: unknown }) {
  const message = (s.error as Error)?.message ?? String(s.error);
  await inTransaction(deps.db, async (trx) => {
    // Taken over meanwhile (abandon-snapshot.ts): the takeover undid our writes and owns the rest.
    const row = await trx
      .selectFrom('snapshots')
      .select('status')
      .where('id', '=', s.snapshotId)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status !== 'running') return;
    const snapshot = { id: s.snapshotId, connection_id: s.connectionId, seq: s.seq };
    await abandonSnapshot(trx, snapshot, deps.clock(), message.slice(0, 2000));
    await appendAuditEvent({ ...deps, db: trx }, backupFailedEvent(s, message));
  }).catch((e) => deps.log.error({ err: e }, 'could not record a failed backup'));
}
