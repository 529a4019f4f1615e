import { type TAuditEventInput, appendAuditEvent } from '../audit/append-audit-event.ts';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import { isDomainError } from '../errors.ts';
import {
  assertNotLastSuperAdmin,
  auditLastSuperAdminRefusal,
  lockMemberForChange,
} from '../members/guard-last-super-admin.ts';
import type { MemberRow } from '../members/members.fns.ts';
import type { Role } from '../permissions/matrix.ts';
import { notFound, scimTenantId, uniquenessError } from './context.ts';
import { mappedRoles } from './effective-role.ts';
import { assertNoForeignVerifiedDomain } from './foreign-domain.ts';
import { validateUser } from './input.fns.ts';
import { highestRole } from '../permissions/permissions.fns.ts';
import { type RoleState, effectiveRole } from './roles.fns.ts';
import { toScimUser } from './scim.fns.ts';
import type { ScimDeps, UserAttrs } from './types.ts';
import { canonicalRoles } from './values.fns.ts';

const COLUMNS = {
  userName: 'user_name',
  givenName: 'given_name',
  familyName: 'family_name',
  displayName: 'display_name',
  email: 'email',
  locale: 'locale',
  externalId: 'external_id',
} as const;

/**
 * The one write path of PUT and PATCH /Users: computes the new attributes from the locked row,
 * recomputes the effective role when the direct one changes, refuses to demote or deactivate the
 * last active super_admin, and on deactivation revokes every credential in the same transaction.
 */
export async function writeScimUser(deps: ScimDeps, id: string, compute: (m: MemberRow) => UserAttrs) {
  const tenantId = scimTenantId(deps);
  if (!isUuid(id)) throw notFound('User', id);
  let attempted = 'member.updated';
  try {
    return await inTransaction(deps.db, async (trx) => {
      const tx = { ...deps, db: trx };
      const locked = await lockMemberForChange(trx, tenantId, id);
      const m = locked.member;
      const next = validateUser(compute(m));
      const before = canonicalRoles(m.scim_roles as Role[]);
      const directRoles = next.roles === undefined ? before : canonicalRoles(next.roles);
      const rolesChanged = directRoles.join() !== before.join();
      const direct = highestRole(directRoles) ?? null;
      let roles: RoleState = { role: m.role as Role, roleSource: m.role_source as RoleState['roleSource'] };
      if (direct !== m.scim_role)
        roles = effectiveRole(roles, direct, (await mappedRoles(trx, tenantId, [m.id])).get(m.id) ?? []);
      const deactivating = m.active && !next.active;
      if (deactivating || (m.role === 'super_admin' && roles.role !== 'super_admin')) {
        attempted = deactivating ? 'member.deactivated' : 'member.role_changed';
        assertNotLastSuperAdmin(locked);
      }
      const email = next.email ?? next.userName;
      const changed = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter(
        (k) => (k === 'email' ? email : next[k]) !== m[COLUMNS[k]],
      );
      const roleChanged =
        roles.role !== m.role || roles.roleSource !== m.role_source || direct !== m.scim_role || rolesChanged;
      if (!changed.length && !roleChanged && next.active === m.active) return toScimUser(m, deps.scim.baseUrl);
      // Only new values are checked: a member whose domain another tenant verified later keeps working.
      await assertNoForeignVerifiedDomain(trx, tenantId, [
        changed.includes('userName') ? next.userName : null,
        changed.includes('email') ? email : null,
      ]);

      const now = deps.clock();
      let row = await trx
        .updateTable('members')
        .set({
          user_name: next.userName,
          given_name: next.givenName,
          family_name: next.familyName,
          display_name: next.displayName,
          email,
          locale: next.locale,
          external_id: next.externalId,
          active: next.active,
          deactivated_at: next.active ? null : deactivating ? now : m.deactivated_at,
          scim_role: direct,
          scim_roles: directRoles,
          role: roles.role,
          role_source: roles.roleSource,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', m.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // Audit entries go last, in one append: it holds the tenant's audit-chain lock until commit,
      // which serialises every audited write of the tenant, so nothing else may run in that window.
      const audit: TAuditEventInput[] = [];
      const entry = (action: string, data: Record<string, unknown>) =>
        audit.push({ tenantId, action, target: { type: 'member', id: m.id }, data });
      // The IdP's assignments are a SCIM change of their own, audited even when the effective role stays.
      if (changed.length || rolesChanged)
        entry('member.updated', {
          userName: row.user_name,
          changed: rolesChanged ? [...changed, 'roles'] : changed,
          ...(rolesChanged ? { roles: { from: before, to: directRoles } } : {}),
        });
      if (roles.role !== m.role) entry('member.role_changed', { from: m.role, to: roles.role, via: 'scim' });
      if (deactivating) entry('member.deactivated', { userName: row.user_name });
      if (!m.active && next.active) entry('member.reactivated', { userName: row.user_name });
      if (deactivating) {
        // Revokes, then appends its own entry and ours together.
        const revoked = await revokeAllCredentials(
          { ...tx, clock: () => now },
          { tenantId, memberId: m.id, reason: 'scim.deactivated' },
          audit,
        );
        // Its epoch bump updated the row once more (same clock): the trigger added one to version.
        row = { ...row, token_epoch: revoked.tokenEpoch ?? row.token_epoch, version: row.version + 1 };
      } else if (audit.length) await appendAuditEvent(tx, audit);
      return toScimUser(row, deps.scim.baseUrl);
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN')
      await auditLastSuperAdminRefusal(deps, tenantId, id, attempted);
    throw uniquenessError(e);
  }
}
