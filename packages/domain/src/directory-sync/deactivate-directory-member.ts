import type { DB, Transaction } from '@butterfly/db';
import type { TAuditEventInput } from '../audit/append-audit-event.ts';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import type { Deps } from '../deps.ts';
import { assertNotLastSuperAdmin, type lockMemberForChange } from '../members/guard-last-super-admin.ts';

export type DeactivationReason = 'suspended' | 'not_in_groups' | 'removed';

/**
 * A directory deactivation, exactly as a SCIM one (write-scim-user.ts): the last active super_admin
 * is refused (LAST_SUPER_ADMIN), the member is kept inactive, and every credential ends in the same
 * transaction through revokeAllCredentials, whose audit entry goes with ours (and the caller's) in
 * one append. Runs in the caller's transaction on a member it locked.
 */
export async function deactivateDirectoryMember(
  deps: Deps & { db: Transaction<DB> },
  locked: Awaited<ReturnType<typeof lockMemberForChange>>,
  input: { tenantId: string; connectionId: string; reason: DeactivationReason },
  audit: TAuditEventInput[] = [],
) {
  assertNotLastSuperAdmin(locked);
  const { member } = locked;
  const now = deps.clock();
  await deps.db
    .updateTable('members')
    .set({ active: false, deactivated_at: now, updated_at: now })
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', member.id)
    .execute();
  await revokeAllCredentials(
    { ...deps, clock: () => now },
    { tenantId: input.tenantId, memberId: member.id, reason: 'directory_sync.deactivated' },
    [
      ...audit,
      {
        tenantId: input.tenantId,
        action: 'member.deactivated',
        target: { type: 'member', id: member.id },
        data: {
          userName: member.user_name,
          via: 'directory_sync',
          connectionId: input.connectionId,
          reason: input.reason,
        },
      },
    ],
  );
}
