import { sql } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { BACKUP_STALE_MS } from './snapshots.fns.ts';

/**
 * How long a request with no run started after it still counts as queued. Past it the job is taken
 * as lost (a worker that never came, a job that failed before it began), so a new request may go.
 */
/** The queue key of a connection's backup job: one queued backup per connection. */
export const backupJobKey = (connectionId: string) => `backup:${connectionId}`;

export const BACKUP_QUEUE_STALE_MS = 10 * 60 * 1000;

export interface CurrentBackup {
  state: 'queued' | 'running';
  /** When the run started, or when it was asked for while it waits in the queue. */
  since: Date;
  /** Who asked for it ("Scheduled backup" for a schedule). */
  by: string;
  jobId: string | null;
  snapshotId: string | null;
}

/**
 * Serialises everything that starts a backup of one connection: requests (request-backup.ts), the
 * schedule tick and the run itself (begin-backup.ts) take this same transaction lock, so a check then
 * a write under it cannot race a second one.
 */
export async function lockConnectionBackups(trx: Db, connectionId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${connectionId}`}, 0))`.execute(trx);
}

/** The backup of a connection that is queued or running now, if any (call under the lock above). */
export async function currentBackup(
  db: Db,
  tenantId: string,
  connectionId: string,
  now: Date,
): Promise<CurrentBackup | undefined> {
  const conn = await db
    .selectFrom('connections')
    .select(['backup_requested_at', 'backup_requested_by', 'backup_request_job_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', connectionId)
    .executeTakeFirst();
  const running = await db
    .selectFrom('snapshots')
    .select(['id', 'started_at', 'heartbeat_at', 'trigger'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  const requestedAt = conn?.backup_requested_at ?? null;
  if (running && now.getTime() - running.heartbeat_at.getTime() < BACKUP_STALE_MS) {
    // The request that started this run is the latest one made before it began.
    const fromRequest = requestedAt && requestedAt.getTime() <= running.started_at.getTime();
    return {
      state: 'running',
      since: running.started_at,
      by:
        fromRequest && conn?.backup_requested_by
          ? conn.backup_requested_by
          : running.trigger === 'schedule'
            ? 'Scheduled backup'
            : running.trigger,
      jobId: fromRequest ? (conn?.backup_request_job_id ?? null) : null,
      snapshotId: running.id,
    };
  }
  if (!requestedAt || now.getTime() - requestedAt.getTime() >= BACKUP_QUEUE_STALE_MS) return undefined;
  // Queued = no run has started since the request (a run that started and ended answered it).
  const started = await db
    .selectFrom('snapshots')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'full')
    .where('started_at', '>=', requestedAt)
    .executeTakeFirst();
  if (started) return undefined;
  return {
    state: 'queued',
    since: requestedAt,
    by: conn?.backup_requested_by ?? 'unknown',
    jobId: conn?.backup_request_job_id ?? null,
    snapshotId: null,
  };
}
