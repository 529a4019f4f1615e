import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { BACKUP_STALE_MS, type BackupProgress } from './snapshots.fns.ts';

/**
 * What the dashboard polls while a backup runs: the running snapshot's phase and counters (written
 * by the backup about once a second), an expected object count from the last complete snapshot (so a
 * bar can show a fraction; null on a first backup), and the newest finished snapshot, so the page
 * knows when the run it is waiting for is over.
 */
export async function getBackupProgress(deps: Deps, tenantId: string, input: { connectionId: string }) {
  await authorize(deps, tenantId, 'dashboard.view');
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const rows = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'status', 'started_at', 'completed_at', 'heartbeat_at', 'progress', 'object_count', 'error'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .where('kind', '=', 'full')
    .orderBy('seq', 'desc')
    .limit(20)
    .execute();
  const run = rows.find((r) => r.status === 'running');
  const done = rows.find((r) => r.status !== 'running');
  const lastComplete = rows.find((r) => r.status === 'complete');
  const now = deps.clock().getTime();
  const p = (run?.progress ?? {}) as Partial<BackupProgress>;
  return {
    connectionId: connection.id,
    running: run
      ? {
          snapshotId: run.id,
          startedAt: run.started_at.toISOString(),
          phase: p.phase ?? 'starting',
          objects: p.objects ?? 0,
          requests: p.requests ?? 0,
          rateLimitWaits: p.rateLimitWaits ?? 0,
          rateLimitWaitMs: p.rateLimitWaitMs ?? null,
          expectedObjects: lastComplete?.object_count ?? null,
          // The worker stopped beating: the next backup will take this one over (begin-backup.ts).
          stale: now - run.heartbeat_at.getTime() > BACKUP_STALE_MS,
        }
      : null,
    latest: done
      ? {
          snapshotId: done.id,
          status: done.status as 'complete' | 'failed',
          startedAt: done.started_at.toISOString(),
          completedAt: done.completed_at?.toISOString() ?? null,
          error: done.error,
        }
      : null,
  };
}
