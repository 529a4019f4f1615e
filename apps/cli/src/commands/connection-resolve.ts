import { listConnections } from '@butterfly/domain/connections';
import { type Deps, DomainError } from '@butterfly/domain/core';

/** A connection of the tenant by id or name, without loading the job queue (decision 035). */
export async function resolveConnection(deps: Deps, tenantId: string, idOrName: string) {
  const all = await listConnections(deps, tenantId);
  const c = all.find((x) => x.id === idOrName) ?? all.find((x) => x.name === idOrName);
  if (!c) throw new DomainError('NOT_FOUND', `No connection "${idOrName}" in this tenant`);
  return c;
}
