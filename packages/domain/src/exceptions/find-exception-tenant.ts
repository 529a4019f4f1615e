import { isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** The tenant an exception belongs to, for operator tools that take a bare exception id (`butterfly exception revoke <id>`). */
export async function findExceptionTenant(deps: Deps, exceptionId: string): Promise<string> {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system')
    throw new DomainError('NOT_FOUND', 'No such exception');
  const row = isUuid(exceptionId)
    ? await deps.db
        .selectFrom('compliance_exceptions')
        .select('tenant_id')
        .where('id', '=', exceptionId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No exception ${exceptionId}`);
  return row.tenant_id;
}
