import type { Db } from '../deps.ts';
import { checkIdFilter } from './scans.fns.ts';

/**
 * The latest scan of each connection of a tenant (or of one connection): the scan of the newest
 * snapshot, and of that snapshot the newest scan. Scans of deleted connections are gone with them.
 */
export function latestScans(db: Db, tenantId: string, connectionId?: string) {
  checkIdFilter(connectionId, 'connection');
  let q = db
    .selectFrom('scans')
    .selectAll()
    .distinctOn('connection_id')
    .where('tenant_id', '=', tenantId)
    .orderBy('connection_id')
    .orderBy('snapshot_seq', 'desc')
    .orderBy('started_at', 'desc');
  if (connectionId) q = q.where('connection_id', '=', connectionId);
  return q.execute();
}

/** The scan before `scan` of the same connection, in snapshot order: what a regression is measured from. */
export function previousScan(
  db: Db,
  scan: { tenant_id: string; connection_id: string; snapshot_seq: number; started_at: Date; id: string },
) {
  return db
    .selectFrom('scans')
    .selectAll()
    .where('tenant_id', '=', scan.tenant_id)
    .where('connection_id', '=', scan.connection_id)
    .where('id', '!=', scan.id)
    .where((eb) =>
      eb.or([
        eb('snapshot_seq', '<', scan.snapshot_seq),
        eb.and([eb('snapshot_seq', '=', scan.snapshot_seq), eb('started_at', '<', scan.started_at)]),
      ]),
    )
    .orderBy('snapshot_seq', 'desc')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
