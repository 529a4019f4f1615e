import { ZConnectionId } from '../connections/connections.fns.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps, DomainTaskPayloads, JobQueue } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { findSyncConnection } from './sync-connection.ts';

export type DirectorySyncTrigger = DomainTaskPayloads['directory-sync.run']['trigger'];

/** One queued sync per connection: a run asked for while one waits joins it (decision 064). */
export const directorySyncJobKey = (connectionId: string) => `directory-sync:${connectionId}`;

/** Queues a `directory-sync.run` job (in the caller's db or transaction), keeping a queued one's time. */
export function queueDirectorySync(
  deps: Pick<Deps, 'db'> & { jobs: JobQueue },
  input: { tenantId: string; connectionId: string; trigger: DirectorySyncTrigger },
) {
  return deps.jobs.enqueue(deps.db, 'directory-sync.run', input, {
    jobKey: directorySyncJobKey(input.connectionId),
    jobKeyMode: 'preserve_run_at',
    // A failed run is recorded on the connection and the next periodic run reads everything again.
    maxAttempts: 1,
  });
}

/** "Sync now" from the CLI or the dashboard: queues a run for the worker, audited. */
export async function requestDirectorySync(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const { jobs } = deps;
  if (!jobs) throw new DomainError('INTERNAL', 'No job queue configured');
  const conn = await findSyncConnection(deps.db, tenantId, connectionId, { notPaused: true });
  return inTransaction(deps.db, async (trx) => {
    const { jobId } = await queueDirectorySync(
      { db: trx, jobs },
      { tenantId, connectionId: conn.id, trigger: 'manual' },
    );
    await appendAuditEvent(
      { ...deps, db: trx },
      { tenantId, action: 'directory_sync.requested', target: { type: 'connection', id: conn.id }, data: { jobId } },
    );
    return { jobId };
  });
}
