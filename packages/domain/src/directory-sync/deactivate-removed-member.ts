import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { isDomainError } from '../errors.ts';
import { auditLastSuperAdminRefusal, lockMemberForChange } from '../members/guard-last-super-admin.ts';
import { deactivateDirectoryMember } from './deactivate-directory-member.ts';
import type { SyncOutcome, SyncTarget } from './sync-directory-user.ts';

/** A member the sync manages whose Google user is gone from the directory (deleted): deactivated, credentials revoked. */
export async function deactivateRemovedMember(deps: Deps, target: SyncTarget, memberId: string): Promise<SyncOutcome> {
  try {
    return await inTransaction(deps.db, async (trx) => {
      const locked = await lockMemberForChange(trx, target.tenantId, memberId);
      const m = locked.member;
      if (!m.active || m.directory_connection_id !== target.connectionId) return 'unchanged';
      await deactivateDirectoryMember({ ...deps, db: trx }, locked, { ...target, reason: 'removed' });
      return 'deactivated';
    });
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'LAST_SUPER_ADMIN') throw e;
    await auditLastSuperAdminRefusal(deps, target.tenantId, memberId, 'member.deactivated');
    return 'last_super_admin';
  }
}
