import type { DB, Transaction } from '@butterfly/db';
import type { MemberRow } from '../members/members.fns.ts';

export interface LockedMembers {
  /** The requested members that exist in the tenant, in id order. */
  rows: MemberRow[];
  activeSuperAdmins: number;
}

/**
 * Locks several members of a tenant together with its active super_admins, in one statement in id
 * order: the same rows and order as lockMemberForChange (members/guard-last-super-admin.ts), so group
 * operations, user operations and dashboard role changes serialise without deadlocking. Taken before
 * any group_members row is written, whose foreign-key check would otherwise wait on these rows.
 */
export async function lockMembers(
  trx: Transaction<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<LockedMembers> {
  if (ids.length === 0) return { rows: [], activeSuperAdmins: 0 };
  const wanted = new Set(ids);
  const rows = await trx
    .selectFrom('members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('id', '=', eb.fn.any(eb.val([...wanted]))),
        eb.and([eb('role', '=', 'super_admin'), eb('active', '=', true)]),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  return {
    rows: rows.filter((r) => wanted.has(r.id)),
    activeSuperAdmins: rows.filter((r) => r.role === 'super_admin' && r.active).length,
  };
}
