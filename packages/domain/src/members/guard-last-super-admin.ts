import type { DB, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { findMember, selectMember } from './find-member.ts';
import type { MemberRow } from './members.fns.ts';

/**
 * Locks a member for a change of role or status. Only a change to an active super_admin can leave the
 * tenant without one, so only then are the tenant's active super_admins locked too, with the member,
 * in id order: two concurrent demotions of the last two super_admins serialise (no deadlock) and the
 * second one sees that only one is left. Any other member is locked alone, so the writes of a tenant
 * (SCIM deactivations above all) do not queue on its super_admin rows. `activeSuperAdmins` is then
 * null: not counted, and not needed.
 */
export async function lockMemberForChange(trx: Transaction<DB>, tenantId: string, idOrEmail: string) {
  // The common case in one round trip. Postgres checks the condition again on the row it locked, so
  // a member made an active super_admin meanwhile is not returned, and takes the full lock below.
  const alone = await selectMember(trx, tenantId, idOrEmail)
    .where((eb) => eb.not(eb.and([eb('role', '=', 'super_admin'), eb('active', '=', true)])))
    .forUpdate()
    .executeTakeFirst();
  if (alone) return { member: alone, activeSuperAdmins: null };
  const { id } = await findMember(trx, tenantId, idOrEmail); // NOT_FOUND, or an active super_admin
  const rows = await trx
    .selectFrom('members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('role', '=', 'super_admin'), eb('active', '=', true)])]))
    .orderBy('id')
    .forUpdate()
    .execute();
  const member = rows.find((r) => r.id === id);
  if (!member) throw new DomainError('NOT_FOUND', 'No such member');
  const activeSuperAdmins = rows.filter((r) => r.role === 'super_admin' && r.active).length;
  return { member, activeSuperAdmins };
}

/** Refuses a change that would leave the tenant without an active super_admin. */
export function assertNotLastSuperAdmin(locked: { member: MemberRow; activeSuperAdmins: number | null }) {
  const { member, activeSuperAdmins } = locked;
  if (!(member.role === 'super_admin' && member.active)) return;
  // lockMemberForChange counts them whenever the member is an active super_admin.
  if (activeSuperAdmins === null) throw new Error('assertNotLastSuperAdmin: super_admins were not locked');
  if (activeSuperAdmins <= 1) {
    throw new DomainError('LAST_SUPER_ADMIN', 'This is the last active super_admin of the tenant; grant another first');
  }
}

/** Records a LAST_SUPER_ADMIN refusal after the caller's transaction rolled back. */
export async function auditLastSuperAdminRefusal(deps: Deps, tenantId: string, memberId: string, attempted: string) {
  await inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: attempted,
        outcome: 'denied',
        target: { type: 'member', id: memberId },
        data: { code: 'LAST_SUPER_ADMIN' },
      },
    ),
  );
}
