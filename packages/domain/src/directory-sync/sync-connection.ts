import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { assertNotDeleted } from '../connections/connections.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';

/** The tenant's Google connection a directory sync reads (NOT_FOUND, CONNECTION_DELETED, CONNECTION_PAUSED, DIRECTORY_SYNC_UNSUPPORTED). */
export async function findSyncConnection(
  db: Db,
  tenantId: string,
  connectionId: string,
  o: { notPaused?: boolean } = {},
) {
  const row = await findConnectionRow(db, tenantId, connectionId);
  assertNotDeleted(row);
  // Paused means Butterfly leaves the customer's Google alone: no reads, no channel.
  if (o.notPaused && row.paused_at)
    throw new DomainError('CONNECTION_PAUSED', `${row.name} is paused: resume it to sync its directory`);
  if (row.provider !== 'google' || !row.directory_id)
    throw new DomainError(
      'DIRECTORY_SYNC_UNSUPPORTED',
      `${row.name} is not a Google Workspace connection: directory sync reads Google directories only`,
    );
  return { ...row, primaryDomain: row.directory_id };
}

/** The connection's sync settings and status row, if any. */
export function selectSyncRow(db: Db, tenantId: string, connectionId: string) {
  return db
    .selectFrom('directory_syncs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
}
