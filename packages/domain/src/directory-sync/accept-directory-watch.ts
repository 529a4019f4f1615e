import { isUuid } from '../db.fns.ts';
import type { Deps, JobQueue } from '../deps.ts';
import { hookSecretMatches } from '../freshness/freshness.fns.ts';
import { queueDirectorySync } from './request-directory-sync.ts';

export type WatchOutcome = 'refused' | 'accepted' | 'ignored';

/**
 * Decision 064: a call of Google's `users.watch` channel to the doorbell. The URL names the
 * connection, the channel id and token (compared by hash, in constant time) prove Google was given
 * them; an unknown connection, an old channel and a wrong token are refused alike. The body is not
 * read: the call only queues a sync (one per connection at a time), which reads Google itself.
 * Google's first message (`sync`) and calls while the sync is off queue nothing.
 */
export async function acceptDirectoryWatch(
  deps: Pick<Deps, 'db' | 'clock'> & { jobs: JobQueue },
  input: { connectionId: string; channelId: string | null; token: string | null; state: string | null },
): Promise<WatchOutcome> {
  if (!isUuid(input.connectionId) || !input.channelId) return 'refused';
  const row = await deps.db
    .selectFrom('directory_syncs')
    .innerJoin('connections', 'connections.id', 'directory_syncs.connection_id')
    .select([
      'directory_syncs.tenant_id',
      'directory_syncs.enabled',
      'directory_syncs.watch_channel_id',
      'directory_syncs.watch_token_hash',
      'connections.deleted_at',
      'connections.paused_at',
    ])
    .where('directory_syncs.connection_id', '=', input.connectionId)
    .whereRef('connections.tenant_id', '=', 'directory_syncs.tenant_id')
    .executeTakeFirst();
  const ok = hookSecretMatches(input.token, row?.watch_token_hash);
  if (!row || !ok || row.watch_channel_id !== input.channelId || row.deleted_at) return 'refused';
  await deps.db
    .updateTable('directory_syncs')
    .set({ watch_received_at: deps.clock() })
    .where('tenant_id', '=', row.tenant_id)
    .where('connection_id', '=', input.connectionId)
    .execute();
  if (input.state === 'sync' || !row.enabled || row.paused_at) return 'ignored';
  await queueDirectorySync(deps, { tenantId: row.tenant_id, connectionId: input.connectionId, trigger: 'watch' });
  return 'accepted';
}
