import type { Deps, JobQueue } from '../deps.ts';
import { queueDirectorySync } from './request-directory-sync.ts';

/**
 * The minute tick (decision 064): queues a sync of every Google connection with directory sync on
 * whose last run started `minutes` ago or more (BUTTERFLY_DIRECTORY_SYNC_MINUTES). The job key per
 * connection keeps runs from piling up behind a slow one.
 */
export async function enqueueDueDirectorySyncs(deps: Deps & { jobs: JobQueue }, o: { minutes: number }) {
  const due = new Date(deps.clock().getTime() - o.minutes * 60_000);
  const rows = await deps.db
    .selectFrom('directory_syncs')
    .innerJoin('connections', 'connections.id', 'directory_syncs.connection_id')
    .select(['directory_syncs.tenant_id', 'directory_syncs.connection_id'])
    .whereRef('connections.tenant_id', '=', 'directory_syncs.tenant_id')
    .where('directory_syncs.enabled', '=', true)
    .where('connections.provider', '=', 'google')
    .where('connections.deleted_at', 'is', null)
    .where('connections.paused_at', 'is', null)
    .where((eb) =>
      eb.or([eb('directory_syncs.last_started_at', 'is', null), eb('directory_syncs.last_started_at', '<=', due)]),
    )
    .limit(1000)
    .execute();
  for (const r of rows)
    await queueDirectorySync(deps, { tenantId: r.tenant_id, connectionId: r.connection_id, trigger: 'schedule' });
  return { enqueued: rows.length };
}
