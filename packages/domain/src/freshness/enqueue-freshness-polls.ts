import type { Deps, JobQueue } from '../deps.ts';
import { pollJobKey } from './freshness.fns.ts';

/**
 * The minute tick's safety net (decision 048): each poll queues the next one, and this queues a poll
 * for every connection with freshness on whose last poll is older than two intervals (a chain broken
 * by a worker that died, a job that failed for good). The job key keeps a queued poll's own time.
 */
export async function enqueueFreshnessPolls(deps: Deps & { jobs: JobQueue }, o: { pollSeconds: number }) {
  const stale = new Date(deps.clock().getTime() - 2 * o.pollSeconds * 1000);
  const rows = await deps.db
    .selectFrom('connection_freshness')
    .innerJoin('connections', 'connections.id', 'connection_freshness.connection_id')
    .select(['connection_freshness.tenant_id', 'connection_freshness.connection_id'])
    .whereRef('connections.tenant_id', '=', 'connection_freshness.tenant_id')
    .where('connection_freshness.enabled', '=', true)
    .where('connections.deleted_at', 'is', null)
    .where('connections.paused_at', 'is', null)
    .where((eb) =>
      eb.or([eb('connection_freshness.polled_at', 'is', null), eb('connection_freshness.polled_at', '<', stale)]),
    )
    .limit(1000)
    .execute();
  for (const r of rows)
    await deps.jobs.enqueue(
      deps.db,
      'freshness.poll',
      { tenantId: r.tenant_id, connectionId: r.connection_id, trigger: 'system_log' },
      { jobKey: pollJobKey(r.connection_id), jobKeyMode: 'preserve_run_at' },
    );
  return { enqueued: rows.length };
}

/** Queues the connection's next periodic poll `pollSeconds` from now (replacing one queued). */
export async function scheduleNextPoll(
  deps: Pick<Deps, 'db' | 'clock'> & { jobs: JobQueue },
  input: { tenantId: string; connectionId: string; pollSeconds: number },
) {
  await deps.jobs.enqueue(
    deps.db,
    'freshness.poll',
    { tenantId: input.tenantId, connectionId: input.connectionId, trigger: 'system_log' },
    { jobKey: pollJobKey(input.connectionId), runAt: new Date(deps.clock().getTime() + input.pollSeconds * 1000) },
  );
}
