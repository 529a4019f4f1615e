import type { Db } from '../deps.ts';

/**
 * Why a queued backup of this connection must not run now: it was paused or deleted after the job
 * was queued. Undefined when it may run (a connection gone altogether is the backup's own NOT_FOUND).
 */
export async function backupSkipReason(
  db: Db,
  tenantId: string,
  connectionId: string,
): Promise<'paused' | 'deleted' | undefined> {
  const row = await db
    .selectFrom('connections')
    .select(['paused_at', 'deleted_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', connectionId)
    .executeTakeFirst();
  if (row?.deleted_at) return 'deleted';
  if (row?.paused_at) return 'paused';
  return undefined;
}
