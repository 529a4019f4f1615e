import { isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** The tenant of a snapshot, for operator tools that take a bare snapshot id (the CLI). */
export async function findSnapshotTenant(deps: Deps, snapshotId: string): Promise<string> {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system')
    throw new DomainError('NOT_FOUND', 'No such snapshot');
  const row = isUuid(snapshotId)
    ? await deps.db.selectFrom('snapshots').select('tenant_id').where('id', '=', snapshotId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No snapshot ${snapshotId}`);
  return row.tenant_id;
}
