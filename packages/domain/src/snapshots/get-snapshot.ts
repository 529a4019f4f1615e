import { isUuid } from '../db.fns.ts';
import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** A snapshot of this tenant by id (NOT_FOUND for other tenants' ids). Not a permission check. */
export async function getSnapshotRow(db: Db, tenantId: string, snapshotId: string, opts: { complete?: boolean } = {}) {
  const row = isUuid(snapshotId)
    ? await db
        .selectFrom('snapshots')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', snapshotId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'No such snapshot');
  if (opts.complete && row.status !== 'complete')
    throw new DomainError('CONFLICT', `Snapshot ${snapshotId} is ${row.status}, not complete`);
  return row;
}
