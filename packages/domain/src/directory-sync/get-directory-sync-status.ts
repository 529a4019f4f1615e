import type { Db, Deps } from '../deps.ts';
import { ZConnectionId } from '../connections/connections.fns.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { roleGroupsOf } from './directory-sync.fns.ts';
import { findSyncConnection, selectSyncRow } from './sync-connection.ts';

const RUNNING_AT_MOST_MS = 3600_000;

export type DirectorySyncStatus = Awaited<ReturnType<typeof directorySyncStatus>>;

/** A Google connection's directory sync: on or off, the role groups, the last run, lag and last error. */
export async function getDirectorySyncStatus(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'dashboard.view');
  return directorySyncStatus(deps.db, deps.clock(), tenantId, connectionId);
}

/** The status without a permission check, for the use-cases that already made one. */
export async function directorySyncStatus(db: Db, now: Date, tenantId: string, connectionId: string) {
  const conn = await findSyncConnection(db, tenantId, connectionId);
  const row = await selectSyncRow(db, tenantId, conn.id);
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  // A run that started and never ended (its process was killed) stops counting as running after an hour.
  const started = row?.last_started_at;
  const running =
    !!started &&
    (!row.last_finished_at || row.last_finished_at < started) &&
    now.getTime() - started.getTime() < RUNNING_AT_MOST_MS;
  return {
    connectionId: conn.id,
    enabled: row?.enabled ?? false,
    groups: roleGroupsOf(row, conn.primaryDomain),
    running,
    lastStartedAt: iso(row?.last_started_at),
    lastFinishedAt: iso(row?.last_finished_at),
    lastSuccessAt: iso(row?.last_success_at),
    /** Seconds since the last successful sync ended: how far behind Google the members may be. */
    lagSeconds: row?.last_success_at
      ? Math.max(0, Math.round((now.getTime() - row.last_success_at.getTime()) / 1000))
      : null,
    counts: (row?.last_counts ?? null) as Record<string, number> | null,
    /** Role groups the last successful run did not find in Google: their roles went to nobody. */
    missingGroups: row?.last_missing_groups ?? [],
    lastError: row?.last_error_code ? { code: row.last_error_code, message: row.last_error_message ?? '' } : null,
    /** Google's users.watch channel, when one was opened: until when, and its last call. */
    watch: row?.watch_expires_at
      ? {
          expiresAt: row.watch_expires_at.toISOString(),
          expired: row.watch_expires_at <= now,
          lastCallAt: iso(row.watch_received_at),
        }
      : null,
  };
}
