import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { ZConnectionId } from '../connections/connections.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { ZEmail } from '../members/members.fns.ts';
import { authorize } from '../permissions/authorize.ts';
import { ROLES, type Role } from '../permissions/matrix.ts';
import { parseInput } from '../validation.fns.ts';
import { ROLE_GROUP_COLUMNS, roleGroupsOf } from './directory-sync.fns.ts';
import { findSyncConnection, selectSyncRow } from './sync-connection.ts';

/** A group's email; null puts the default (`butterfly-…@<primary domain>`) back. */
const ZGroup = ZEmail.nullable();

export const ZSetDirectorySyncInput = ZConnectionId.extend({
  /** Periodic sync (every BUTTERFLY_DIRECTORY_SYNC_MINUTES) on or off; left as it is when absent. */
  enabled: z.boolean().optional(),
  groups: z
    .object(Object.fromEntries(ROLES.map((r) => [r, ZGroup.optional()])) as Record<Role, z.ZodOptional<typeof ZGroup>>)
    .strict()
    .optional(),
});
export type TSetDirectorySyncInput = z.input<typeof ZSetDirectorySyncInput>;

/**
 * Turns a Google connection's directory sync on or off and names the Google group of each role.
 * Admins may do both, but naming the super_admin group needs tenant.manage: whoever picks that
 * group picks the tenant's super_admins, and only a super_admin grants super_admin (matrix.ts).
 */
export async function setDirectorySync(deps: Deps, tenantId: string, raw: TSetDirectorySyncInput) {
  const input = parseInput(ZSetDirectorySyncInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (input.groups?.super_admin !== undefined) await authorize(deps, tenantId, 'tenant.manage');
  const conn = await findSyncConnection(deps.db, tenantId, input.connectionId);
  return inTransaction(deps.db, async (trx) => {
    const before = await selectSyncRow(trx, tenantId, conn.id);
    const set: Record<string, string | boolean | null | Date> = { updated_at: deps.clock() };
    if (input.enabled !== undefined) set.enabled = input.enabled;
    for (const r of ROLES) if (input.groups?.[r] !== undefined) set[ROLE_GROUP_COLUMNS[r]] = input.groups[r];
    const row = await trx
      .insertInto('directory_syncs')
      .values({ tenant_id: tenantId, connection_id: conn.id, ...set })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet(set))
      .returningAll()
      .executeTakeFirstOrThrow();
    const groups = roleGroupsOf(row, conn.primaryDomain);
    const was = roleGroupsOf(before, conn.primaryDomain);
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'directory_sync.configured',
        target: { type: 'connection', id: conn.id },
        data: {
          enabled: { from: before?.enabled ?? false, to: row.enabled },
          groups: Object.fromEntries(
            ROLES.filter((r) => was[r] !== groups[r]).map((r) => [r, { from: was[r], to: groups[r] }]),
          ),
        },
      },
    );
    return { enabled: row.enabled, groups };
  });
}
