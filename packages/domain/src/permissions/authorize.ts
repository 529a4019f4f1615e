import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Permission } from './matrix.ts';
import { roleHas } from './permissions.fns.ts';

/**
 * The domain's own check, so SCIM, the CLI and jobs cannot bypass a rule the API middleware enforces.
 * Members are checked against the matrix within their own tenant; a member of another tenant gets
 * NOT_FOUND (no hint that the tenant exists). Operators (CLI, with database access) and the system
 * are trusted. SCIM clients hold no role: their use-cases check their tenant themselves.
 * Every denial is audit-logged.
 */
export async function authorize(deps: Deps, tenantId: string, permission: Permission): Promise<void> {
  const { actor } = deps;
  if (actor.kind === 'operator' || actor.kind === 'system') return;
  if (actor.kind === 'scim' || actor.tenantId !== tenantId) {
    throw new DomainError('NOT_FOUND', 'Not found');
  }
  if (roleHas(actor.role, permission)) return;
  await recordDenial(deps, tenantId, permission);
  throw new DomainError('FORBIDDEN', `Your role (${actor.role}) does not grant ${permission}`);
}

export async function recordDenial(
  deps: Deps,
  tenantId: string,
  permission: string,
  data: Record<string, unknown> = {},
) {
  try {
    await inTransaction(deps.db, (trx) =>
      appendAuditEvent(
        { ...deps, db: trx },
        { tenantId, action: 'permission.denied', outcome: 'denied', data: { permission, ...data } },
      ),
    );
  } catch (e) {
    deps.log.error({ err: e, permission }, 'could not audit-log a denial');
  }
}
