import { isUuid } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { hookJobKey, hookSecretMatches } from './freshness.fns.ts';

/**
 * What the receiver does with a call of Okta's event hook (decision 048). The URL names the
 * connection; the secret header proves Okta was given it (compared by hash, in constant time).
 * `refused` covers an unknown connection, a deleted one and a wrong secret alike, so the answer
 * tells a prober nothing. Accepted, a poll of the connection's System Log is queued `settleSeconds`
 * later under one job key, so a burst of calls (one per event) costs one poll.
 */
export type HookOutcome = 'refused' | 'accepted' | 'ignored';

/** Checks the hook's secret for the connection the URL names; the tenant comes from the row. */
export async function checkEventHook(deps: Pick<Deps, 'db'>, connectionId: string, secret: string | null) {
  if (!isUuid(connectionId)) return undefined;
  const row = await deps.db
    .selectFrom('connection_freshness')
    .innerJoin('connections', 'connections.id', 'connection_freshness.connection_id')
    .select([
      'connection_freshness.tenant_id',
      'connection_freshness.connection_id',
      'connection_freshness.enabled',
      'connection_freshness.hook_secret_hash',
      'connections.deleted_at',
    ])
    .where('connection_freshness.connection_id', '=', connectionId)
    .whereRef('connections.tenant_id', '=', 'connection_freshness.tenant_id')
    .executeTakeFirst();
  const ok = hookSecretMatches(secret, row?.hook_secret_hash);
  if (!row || !ok || row.deleted_at) return undefined;
  return { tenantId: row.tenant_id, connectionId: row.connection_id, enabled: row.enabled };
}

/** An event delivery: queue one coalesced poll (nothing when freshness is off: Okta still gets its 2xx). */
export async function acceptEventHook(
  deps: Pick<Deps, 'db' | 'clock'> & { jobs: JobQueue },
  input: { connectionId: string; secret: string | null; settleSeconds: number },
): Promise<HookOutcome> {
  const hook = await checkEventHook(deps, input.connectionId, input.secret);
  if (!hook) return 'refused';
  await deps.db
    .updateTable('connection_freshness')
    .set({ hook_received_at: deps.clock() })
    .where('tenant_id', '=', hook.tenantId)
    .where('connection_id', '=', hook.connectionId)
    .execute();
  if (!hook.enabled) return 'ignored';
  await queueHookPoll(deps, { ...hook, settleSeconds: input.settleSeconds });
  return 'accepted';
}

/**
 * The poll a hook call asks for, `settleSeconds` from now. The first call of a burst sets the time;
 * later ones join it instead of pushing it back. Also used when that poll found another one running.
 */
export async function queueHookPoll(
  deps: Pick<Deps, 'db' | 'clock'> & { jobs: JobQueue },
  input: { tenantId: string; connectionId: string; settleSeconds: number },
) {
  await deps.jobs.enqueue(
    deps.db,
    'freshness.poll',
    { tenantId: input.tenantId, connectionId: input.connectionId, trigger: 'event_hook' },
    {
      jobKey: hookJobKey(input.connectionId),
      jobKeyMode: 'preserve_run_at',
      runAt: new Date(deps.clock().getTime() + input.settleSeconds * 1000),
    },
  );
}
