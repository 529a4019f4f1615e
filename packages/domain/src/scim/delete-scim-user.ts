import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import { DomainError, isDomainError } from '../errors.ts';
import {
  assertNotLastSuperAdmin,
  auditLastSuperAdminRefusal,
  lockMemberForChange,
} from '../members/guard-last-super-admin.ts';
import { notFound, scimTenantId } from './context.ts';
import type { ScimDeps } from './types.ts';

/**
 * DELETE /Users/{id}: hard removal (Okta never sends it; Entra may). Sessions, tokens and group
 * memberships go with the row (foreign keys cascade). The last active super_admin stays.
 */
export async function deleteScimUser(deps: ScimDeps, id: string): Promise<void> {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('User', id);
  try {
    await inTransaction(deps.db, async (trx) => {
      const locked = await lockMemberForChange(trx, tenantId, id);
      assertNotLastSuperAdmin(locked);
      await trx.deleteFrom('members').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'member.deleted',
          target: { type: 'member', id },
          data: { userName: locked.member.user_name },
        },
      );
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN')
      await auditLastSuperAdminRefusal(deps, tenantId, id, 'member.deleted');
    // Another table still points at the member (a foreign key without cascade): refuse, never 500.
    if ((e as { code?: string })?.code === '23503')
      throw new DomainError('CONFLICT', 'The user is still referenced and cannot be deleted; deactivate it instead');
    throw e;
  }
}
