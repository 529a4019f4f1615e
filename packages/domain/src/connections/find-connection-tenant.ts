import { isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/**
 * The tenant a connection belongs to, for operator tools that take a bare connection id (the CLI's
 * `connection test <id>`). Members always act within their own tenant and never need this.
 */
export async function findConnectionTenant(deps: Deps, connectionId: string): Promise<string> {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system')
    throw new DomainError('NOT_FOUND', 'No such connection');
  const row = isUuid(connectionId)
    ? await deps.db.selectFrom('connections').select('tenant_id').where('id', '=', connectionId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No connection ${connectionId}`);
  return row.tenant_id;
}
