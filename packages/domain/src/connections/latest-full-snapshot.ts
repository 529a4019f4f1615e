import type { Db } from '../deps.ts';

/**
 * A connection's newest complete full snapshot, or undefined before its first backup. Single-object
 * snapshots (the extension's, System Log freshness) are not full: they hold a few objects, not the org.
 */
export async function latestFullSnapshot(db: Db, tenantId: string, connectionId: string) {
  return db
    .selectFrom('snapshots')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .where('kind', '=', 'full')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
