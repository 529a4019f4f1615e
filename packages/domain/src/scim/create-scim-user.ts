import type { DB, Kysely } from '@butterfly/db';
import { inTransaction } from '../db.fns.ts';
import { type TNewMember, insertMember } from '../members/insert-member.ts';
import { highestRole } from '../permissions/permissions.fns.ts';
import { scimTenantId, uniquenessError } from './context.ts';
import { assertNoForeignVerifiedDomain, emailDomains } from './foreign-domain.ts';
import { userAttrsFromBody } from './input.fns.ts';
import { provisionMemberFolded } from './provision-member-folded.ts';
import { toScimUser } from './scim.fns.ts';
import type { ScimDeps } from './types.ts';

/**
 * POST /Users. The member's role comes from `roles` (else read_only) and SCIM manages it from now on.
 * Duplicates, also under concurrent POSTs, are left to the unique index on lower(user_name) and
 * answered 409 uniqueness: no check-then-insert race. Outside a caller's transaction it is first tried
 * in one statement (decision 050), then, when the audit head was not where this process left it, in a
 * transaction that locks it.
 */
export async function createScimUser(deps: ScimDeps, body: unknown) {
  const tenantId = scimTenantId(deps);
  const u = userAttrsFromBody(body);
  const member: TNewMember = {
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
  };
  const inTx = () =>
    inTransaction(deps.db, async (trx) => {
      await assertNoForeignVerifiedDomain(trx, tenantId, [u.userName, u.email]);
      return insertMember({ ...deps, db: trx }, tenantId, member);
    });
  try {
    // Inside a caller's transaction a statement cannot be rolled back alone: no folding there.
    const row = deps.db.isTransaction
      ? await inTx()
      : await provisionMemberFolded(
          { ...deps, db: deps.db as Kysely<DB>, ordered: deps.scim.ordered },
          tenantId,
          member,
          emailDomains([u.userName, u.email]),
          inTx,
        );
    return toScimUser(row, deps.scim.baseUrl);
  } catch (e) {
    throw uniquenessError(e);
  }
}
