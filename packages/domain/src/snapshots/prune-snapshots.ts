import { type DB, type Kysely, sql } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { bodyStoreOf } from '../bodies/open-bodies.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { type Retention, retainedSnapshots } from './retention.fns.ts';

/**
 * Applies a connection's retention: complete snapshots outside the grandfather-father-son counts are
 * deleted unless something holds them, then entries no kept snapshot needs, then versions nothing references. Runs under the
 * connection's backup lock, never beside a running backup. Bodies kept outside Postgres (filesystem,
 * S3) are deleted from their store once the rows that indexed them are gone for good (committed).
 */
export async function pruneSnapshots(
  deps: Deps,
  input: { tenantId: string; connectionId: string; retention?: Retention },
) {
  const bodies = bodyStoreOf(deps);
  let sweep: ((db: Kysely<DB>) => Promise<number>) | undefined;
  const result = await inTransaction(deps.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${input.connectionId}`}, 0))`.execute(trx);
    const schedule = await trx
      .selectFrom('backup_schedules')
      .selectAll()
      .where('connection_id', '=', input.connectionId)
      .executeTakeFirst();
    const retention =
      input.retention ??
      (schedule
        ? {
            hourly: schedule.keep_hourly,
            daily: schedule.keep_daily,
            weekly: schedule.keep_weekly,
            monthly: schedule.keep_monthly,
          }
        : undefined);
    if (!retention) return { deleted: 0, versionsDeleted: 0 };
    const snaps = await trx
      .selectFrom('snapshots')
      .select(['id', 'completed_at', 'legal_hold'])
      .where('connection_id', '=', input.connectionId)
      .where('kind', '=', 'full')
      .where('status', '=', 'complete')
      .execute();
    const kept = retainedSnapshots(
      snaps.map((s) => ({ id: s.id, at: s.completed_at! })),
      retention,
    );
    // Evidence reports and stored restore plans will add their own holds here as they arrive.
    // A stored restore plan holds the snapshot it restores from (its steps name versions in it).
    const held = new Set(
      (
        await trx
          .selectFrom('restore_plans')
          .select('snapshot_id')
          .where('connection_id', '=', input.connectionId)
          .execute()
      ).map((r) => r.snapshot_id),
    );
    const doomed = snaps.filter((s) => !kept.has(s.id) && !s.legal_hold && !held.has(s.id)).map((s) => s.id);
    // Decision 048: the single-object snapshots event-driven freshness takes go once they are older
    // than every kept full snapshot (the oldest kept one holds what they led to). The extension's
    // ("Snapshot now", taken by a person) stay, as before.
    const oldestKept = snaps
      .filter((s) => kept.has(s.id))
      .reduce<Date | undefined>((min, s) => (!min || s.completed_at! < min ? s.completed_at! : min), undefined);
    if (oldestKept) {
      const fresh = await trx
        .selectFrom('snapshots')
        .select('id')
        .where('connection_id', '=', input.connectionId)
        .where('kind', '=', 'object')
        .where('trigger', 'in', ['system_log', 'event_hook'])
        .where('completed_at', '<', oldestKept)
        .where('legal_hold', '=', false)
        .execute();
      for (const f of fresh) if (!held.has(f.id)) doomed.push(f.id);
    }
    if (!doomed.length) return { deleted: 0, versionsDeleted: 0 };
    await trx.deleteFrom('snapshots').where('id', 'in', doomed).execute();
    // Entries whose validity range holds no remaining snapshot (and are not current).
    await sql`
      delete from snapshot_entries e
      where e.connection_id = ${input.connectionId} and e.to_seq is not null
        and not exists (select 1 from snapshots s where s.connection_id = e.connection_id and s.seq >= e.from_seq and s.seq < e.to_seq
          -- a single-object snapshot keeps only its own object's entry, never the rest of the org
          and (s.kind = 'full' or (s.object_type = e.type and s.object_id = e.object_id)))`.execute(trx);
    const versions = await bodies.deleteUnreferenced(trx, input.tenantId);
    sweep = versions.sweep;
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: input.tenantId,
        action: 'snapshots.pruned',
        target: { type: 'connection', id: input.connectionId },
        data: { snapshots: doomed, retention },
      },
    );
    return { deleted: doomed.length, versionsDeleted: versions.deleted };
  });
  // In a caller's transaction the rows may still come back (rollback): their bodies stay, unswept.
  // A store that fails here leaves unreferenced bodies behind (nothing reads them); the rows are gone.
  if (sweep && !deps.db.isTransaction)
    await sweep(deps.db as Kysely<DB>).catch((err) =>
      deps.log.error({ err, tenantId: input.tenantId }, 'deleting unreferenced bodies from the body store failed'),
    );
  return result;
}
