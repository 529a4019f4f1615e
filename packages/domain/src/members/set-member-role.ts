import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { assertNotLastSuperAdmin, auditLastSuperAdminRefusal, lockMemberForChange } from './guard-last-super-admin.ts';
import { ZRole, toMemberView } from './members.fns.ts';

export const ZSetMemberRoleInput = z.object({ memberId: z.string().min(1), role: ZRole });
export type TSetMemberRoleInput = z.input<typeof ZSetMemberRoleInput>;

/**
 * Changes a member's role by hand. admins manage roles below super_admin; moving anyone to or from
 * super_admin takes tenant.manage. Roles that SCIM manages stay read-only here (the IdP is the source
 * of truth), and the last active super_admin cannot be demoted.
 */
export async function setMemberRole(deps: Deps, tenantId: string, raw: TSetMemberRoleInput) {
  const input = parseInput(ZSetMemberRoleInput, raw);
  await authorize(deps, tenantId, 'member.manage');
  try {
    return await inTransaction(deps.db, async (trx) => {
      const locked = await lockMemberForChange(trx, tenantId, input.memberId);
      const { member } = locked;
      if (member.role === input.role) return toMemberView(member);
      if (member.role === 'super_admin' || input.role === 'super_admin')
        await authorize(deps, tenantId, 'tenant.manage');
      // Decision 064: a directory-synced member's role comes from the tenant's Google groups.
      if (member.role_source === 'scim' || member.role_source === 'directory') {
        throw new DomainError(
          'ROLE_MANAGED_BY_SCIM',
          `${member.email}'s role is managed by your identity provider; change it there`,
        );
      }
      assertNotLastSuperAdmin(locked);
      const row = await trx
        .updateTable('members')
        .set({ role: input.role, role_source: 'manual', updated_at: deps.clock() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', member.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'member.role_changed',
          target: { type: 'member', id: member.id },
          data: { from: member.role, to: input.role },
        },
      );
      return toMemberView(row);
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN')
      await auditLastSuperAdminRefusal(deps, tenantId, input.memberId, 'member.role_changed');
    throw e;
  }
}
