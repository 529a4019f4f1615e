import { z } from 'zod';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { isDomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { assertNotLastSuperAdmin, auditLastSuperAdminRefusal, lockMemberForChange } from './guard-last-super-admin.ts';
import { toMemberView } from './members.fns.ts';

export const ZDeactivateMemberInput = z.object({ memberId: z.string().min(1) });
export type TDeactivateMemberInput = z.input<typeof ZDeactivateMemberInput>;

/**
 * Deactivates a member from the dashboard or CLI: the member is kept (SCIM can reactivate the same
 * id) and every credential ends in the same transaction.
 */
export async function deactivateMember(deps: Deps, tenantId: string, raw: TDeactivateMemberInput) {
  const input = parseInput(ZDeactivateMemberInput, raw);
  await authorize(deps, tenantId, 'member.manage');
  try {
    return await inTransaction(deps.db, async (trx) => {
      const locked = await lockMemberForChange(trx, tenantId, input.memberId);
      const { member } = locked;
      if (member.role === 'super_admin') {
        await authorize(deps, tenantId, 'tenant.manage');
        assertNotLastSuperAdmin(locked);
      }
      if (!member.active) return toMemberView(member);
      const now = deps.clock();
      const row = await trx
        .updateTable('members')
        .set({ active: false, deactivated_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', member.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // Its audit entry goes with the revocation's, in one append (the chain lock is held to commit).
      await revokeAllCredentials(
        { ...deps, db: trx },
        { tenantId, memberId: member.id, reason: 'member.deactivated' },
        [
          {
            tenantId,
            action: 'member.deactivated',
            target: { type: 'member', id: member.id },
            data: { email: member.email },
          },
        ],
      );
      return toMemberView(row);
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN')
      await auditLastSuperAdminRefusal(deps, tenantId, input.memberId, 'member.deactivated');
    throw e;
  }
}
