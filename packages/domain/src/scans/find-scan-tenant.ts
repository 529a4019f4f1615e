import { isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** The tenant of a scan, for operator tools that take a bare scan id (the CLI). */
export async function findScanTenant(deps: Deps, scanId: string): Promise<string> {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system')
    throw new DomainError('NOT_FOUND', 'No such scan');
  const row = isUuid(scanId)
    ? await deps.db.selectFrom('scans').select('tenant_id').where('id', '=', scanId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No scan ${scanId}`);
  return row.tenant_id;
}
