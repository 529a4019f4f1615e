import { isUuid } from '../db.fns.ts';
import type { Db, Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** A plan of this tenant by id (NOT_FOUND for other tenants' ids and malformed ones). Not a permission check. */
export async function getPlanRow(db: Db, tenantId: string, planId: string, opts: { forUpdate?: boolean } = {}) {
  if (!isUuid(planId)) throw new DomainError('NOT_FOUND', 'No such restore plan');
  let q = db.selectFrom('restore_plans').selectAll().where('tenant_id', '=', tenantId).where('id', '=', planId);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such restore plan');
  return row;
}

/** The tenant of a plan, for operator tools that take a bare plan id (the CLI). Members act in their own tenant. */
export async function findRestorePlanTenant(deps: Deps, planId: string): Promise<string> {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system')
    throw new DomainError('NOT_FOUND', 'No such restore plan');
  const row = isUuid(planId)
    ? await deps.db.selectFrom('restore_plans').select('tenant_id').where('id', '=', planId).executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No restore plan ${planId}`);
  return row.tenant_id;
}
