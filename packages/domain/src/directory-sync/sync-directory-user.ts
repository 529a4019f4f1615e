import { type TAuditEventInput, appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { isDomainError } from '../errors.ts';
import {
  assertNotLastSuperAdmin,
  auditLastSuperAdminRefusal,
  lockMemberForChange,
} from '../members/guard-last-super-admin.ts';
import { insertMember } from '../members/insert-member.ts';
import type { Role } from '../permissions/matrix.ts';
import { deactivateDirectoryMember } from './deactivate-directory-member.ts';
import type { DirectoryUser } from './directory-sync.fns.ts';

export type SyncOutcome =
  | 'created'
  | 'updated'
  | 'reactivated'
  | 'deactivated'
  | 'unchanged'
  /** Another member of the tenant has this email or userName (added by hand, SCIM, another directory). */
  | 'conflict'
  /** The Google account is a member SCIM or another directory connection manages: left alone. */
  | 'foreign'
  | 'last_super_admin';

export interface SyncTarget {
  tenantId: string;
  connectionId: string;
}

/**
 * One Google user into the tenant, in a transaction of its own (a run that dies midway leaves every
 * member either done or untouched; the next run converges). Members are keyed on the Google user id
 * (`google_sub`, the OIDC `sub` of Google sign-in). The sync manages the members it created and adopts
 * a member Google sign-in created (same `google_sub`, not SCIM's, not another directory's). A
 * suspended or archived account ends the access of such a member even before adoption; leaving the
 * five groups ends the access of a member the sync manages.
 */
export async function syncDirectoryUser(
  deps: Deps,
  target: SyncTarget,
  user: DirectoryUser,
  role: Role | null,
): Promise<SyncOutcome> {
  const { tenantId, connectionId } = target;
  const wanted = user.active && role !== null;
  let memberId: string | undefined;
  let attempted = 'member.deactivated';
  try {
    return await inTransaction(deps.db, async (trx): Promise<SyncOutcome> => {
      const tx = { ...deps, db: trx };
      const found = await trx
        .selectFrom('members')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('google_sub', '=', user.googleId)
        .executeTakeFirst();
      if (!found) {
        if (!wanted) return 'unchanged';
        await insertMember(tx, tenantId, {
          source: 'directory',
          email: user.email,
          userName: user.email,
          givenName: user.givenName,
          familyName: user.familyName,
          displayName: user.displayName,
          googleSub: user.googleId,
          directoryConnectionId: connectionId,
          role: role!,
        });
        return 'created';
      }
      memberId = found.id;
      const locked = await lockMemberForChange(trx, tenantId, found.id);
      const m = locked.member;
      const ours = m.directory_connection_id === connectionId;
      if (!ours && (m.directory_connection_id !== null || m.role_source === 'scim')) return 'foreign';
      if (!wanted) {
        // Out of the groups: only a member the sync manages loses access; a suspended account always does.
        if (!m.active || (!ours && user.active)) return 'unchanged';
        await deactivateDirectoryMember(tx, locked, {
          tenantId,
          connectionId,
          reason: user.active ? 'not_in_groups' : 'suspended',
        });
        return 'deactivated';
      }
      const next = {
        email: user.email,
        user_name: user.email,
        given_name: user.givenName,
        family_name: user.familyName,
        display_name: user.displayName,
      };
      const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== m[k]);
      if (!ours) changed.push('directory');
      const roleChanged = role !== m.role;
      if (!changed.length && !roleChanged && m.active) return 'unchanged';
      if (roleChanged && m.role === 'super_admin') {
        attempted = 'member.role_changed';
        assertNotLastSuperAdmin(locked);
      }
      const now = deps.clock();
      await trx
        .updateTable('members')
        .set({
          ...next,
          role: role!,
          role_source: 'directory',
          directory_connection_id: connectionId,
          active: true,
          deactivated_at: null,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', m.id)
        .execute();
      // Audit entries as SCIM writes them, in one append (it holds the tenant's chain lock to commit).
      const via = { via: 'directory_sync', connectionId };
      const audit: TAuditEventInput[] = [];
      const entry = (action: string, data: Record<string, unknown>) =>
        audit.push({ tenantId, action, target: { type: 'member', id: m.id }, data: { ...data, ...via } });
      if (changed.length) entry('member.updated', { userName: next.user_name, changed });
      if (roleChanged) entry('member.role_changed', { from: m.role, to: role });
      if (!m.active) entry('member.reactivated', { userName: next.user_name });
      await appendAuditEvent(tx, audit);
      return m.active ? 'updated' : 'reactivated';
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'LAST_SUPER_ADMIN' && memberId) {
      await auditLastSuperAdminRefusal(deps, tenantId, memberId, attempted);
      return 'last_super_admin';
    }
    if (isUniqueViolation(e)) return 'conflict';
    throw e;
  }
}
