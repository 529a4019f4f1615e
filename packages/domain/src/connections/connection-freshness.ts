import type { Db } from '../deps.ts';
import { isUuid } from '../db.fns.ts';
import { latestFullSnapshot } from './latest-full-snapshot.ts';

/**
 * The recovery point (decision 048): every change made in Okta before it is in a snapshot. A full
 * backup covers what existed when it began reading; a System Log poll covers every event published
 * before its window's end. The later of the two.
 */
export function recoveryPoint(lastBackupStartedAt: Date | null, polledAt: Date | null): Date | null {
  if (!lastBackupStartedAt) return polledAt;
  if (!polledAt) return lastBackupStartedAt;
  return polledAt > lastBackupStartedAt ? polledAt : lastBackupStartedAt;
}

export interface FreshnessView {
  /** Event-driven freshness is on (decision 048). */
  enabled: boolean;
  /** Every change made in Okta before this instant is in a snapshot (ISO 8601); null before the first backup. */
  recoveryPoint: string | null;
  /** What set the recovery point: the last full backup's start, or the last System Log poll. */
  recoveryPointFrom: 'backup' | 'system_log' | null;
  /** The end of the last System Log window read. */
  polledAt: string | null;
  /** The last poll's failure, until a poll succeeds. */
  lastError: string | null;
  /** A hook secret was made (the event hook can be set up in Okta). */
  hookConfigured: boolean;
  /** When Okta last called the event hook (a verified call). */
  hookReceivedAt: string | null;
  eventsSeen: number;
  objectsSnapshotted: number;
}

/** A connection's freshness and recovery point, for the connection page, `connections.get` and the CLI. */
export async function getFreshness(db: Db, tenantId: string, connectionId: string): Promise<FreshnessView> {
  if (!isUuid(connectionId)) return view(undefined, null);
  const row = await db
    .selectFrom('connection_freshness')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const last = await latestFullSnapshot(db, tenantId, connectionId);
  return view(row, last?.started_at ?? null);
}

function view(
  row:
    | {
        enabled: boolean;
        polled_at: Date | null;
        last_error: string | null;
        hook_secret_hash: Buffer | null;
        hook_received_at: Date | null;
        events_seen: number;
        objects_snapshotted: number;
      }
    | undefined,
  backupAt: Date | null,
): FreshnessView {
  const polledAt = row?.enabled ? row.polled_at : null;
  const point = recoveryPoint(backupAt, polledAt);
  return {
    enabled: !!row?.enabled,
    recoveryPoint: point?.toISOString() ?? null,
    recoveryPointFrom: !point ? null : polledAt && point.getTime() === polledAt.getTime() ? 'system_log' : 'backup',
    polledAt: row?.polled_at?.toISOString() ?? null,
    lastError: row?.last_error ?? null,
    hookConfigured: !!row?.hook_secret_hash,
    hookReceivedAt: row?.hook_received_at?.toISOString() ?? null,
    eventsSeen: Number(row?.events_seen ?? 0),
    objectsSnapshotted: Number(row?.objects_snapshotted ?? 0),
  };
}
