import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import { scimTenantId, uniquenessError } from './context.ts';
import { assertNoForeignVerifiedDomain } from './foreign-domain.ts';
import { userAttrsFromBody } from './input.fns.ts';
import { toScimUser } from './scim.fns.ts';
import type { ScimDeps } from './types.ts';

/**
 * POST /Users. The member's role comes from `roles` (else read_only) and SCIM manages it from now on.
 * Duplicates, also under concurrent POSTs, are left to the unique index on lower(user_name) and
 * answered 409 uniqueness: no check-then-insert race.
 */
export async function createScimUser(deps: ScimDeps, body: unknown) {
  const tenantId = scimTenantId(deps);
  const u = userAttrsFromBody(body);
  const now = deps.clock();
  try {
    return await inTransaction(deps.db, async (trx) => {
      await assertNoForeignVerifiedDomain(trx, tenantId, [u.userName, u.email]);
      const row = await trx
        .insertInto('members')
        .values({
          tenant_id: tenantId,
          user_name: u.userName,
          email: u.email ?? u.userName,
          given_name: u.givenName,
          family_name: u.familyName,
          display_name: u.displayName,
          locale: u.locale,
          external_id: u.externalId,
          active: u.active,
          deactivated_at: u.active ? null : now,
          scim_role: u.role ?? null,
          role: u.role ?? 'read_only',
          role_source: 'scim',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        { tenantId, action: 'member.provisioned', target: { type: 'member', id: row.id }, data: { userName: row.user_name, role: row.role, active: row.active } },
      );
      return toScimUser(row, deps.scim.baseUrl);
    });
  } catch (e) {
    throw uniquenessError(e);
  }
}
