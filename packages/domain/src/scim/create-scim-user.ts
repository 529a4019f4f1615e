import { inTransaction } from '../db.fns.ts';
import { insertMember } from '../members/insert-member.ts';
import { highestRole } from '../permissions/permissions.fns.ts';
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
  try {
    return await inTransaction(deps.db, async (trx) => {
      await assertNoForeignVerifiedDomain(trx, tenantId, [u.userName, u.email]);
      const row = await insertMember({ ...deps, db: trx }, tenantId, {
        source: 'scim',
        userName: u.userName,
        email: u.email ?? u.userName,
        givenName: u.givenName,
        familyName: u.familyName,
        displayName: u.displayName,
        locale: u.locale,
        externalId: u.externalId,
        active: u.active,
        // Several assignments: the highest wins (decision 055).
        role: highestRole(u.roles ?? []) ?? 'read_only',
        scimRoles: u.roles ?? [],
      });
      return toScimUser(row, deps.scim.baseUrl);
    });
  } catch (e) {
    throw uniquenessError(e);
  }
}
