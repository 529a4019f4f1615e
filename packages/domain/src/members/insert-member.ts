import type { DB, Transaction } from '@butterfly/db';
import { type TAuditEventInput, appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';
import type { Role } from '../permissions/matrix.ts';
import { highestRole } from '../permissions/permissions.fns.ts';
import type { MemberRow } from './members.fns.ts';

/** How a member came to exist; it is also the member's role source (who manages the role from now on). */
export type TMemberSource = 'manual' | 'scim' | 'jit' | 'directory';

const AUDIT_ACTION = {
  manual: 'member.added',
  scim: 'member.provisioned',
  jit: 'member.jit_created',
  /** Decision 064: Google directory sync, audited like a SCIM provisioning. */
  directory: 'member.provisioned',
} as const satisfies Record<TMemberSource, string>;

export interface TNewMember {
  source: TMemberSource;
  /** Already validated and lower-cased by the caller's schema. */
  email: string;
  /** SCIM's userName; the email everywhere else. */
  userName?: string;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  locale?: string | null;
  externalId?: string | null;
  idpSubject?: string | null;
  /** Microsoft Entra ID's immutable key of the person: directory (`tid`) and object id (`oid`). */
  entra?: { tid: string; oid: string } | null;
  /** Google's key of the person: the ID token's `sub` (the Google account ID, never reused). */
  googleSub?: string | null;
  /** Decision 064: the Google connection whose directory sync manages this member. */
  directoryConnectionId?: string | null;
  /** SCIM may provision someone inactive; the deactivation time is then now. */
  active?: boolean;
  role: Role;
  /** The roles SCIM asserted (`roles`), remembered apart from the effective role; the highest is the direct one. */
  scimRoles?: readonly Role[];
}

/** The members row for `m`: what insertMember writes, and SCIM's folded insert (provisionMemberFolded). */
export function memberValues(deps: Pick<Deps, 'clock'>, tenantId: string, m: TNewMember) {
  const active = m.active ?? true;
  return {
    tenant_id: tenantId,
    email: m.email,
    user_name: m.userName ?? m.email,
    given_name: m.givenName ?? null,
    family_name: m.familyName ?? null,
    display_name: m.displayName ?? null,
    locale: m.locale ?? null,
    external_id: m.externalId ?? null,
    idp_subject: m.idpSubject ?? null,
    entra_tid: m.entra?.tid ?? null,
    entra_oid: m.entra?.oid ?? null,
    google_sub: m.googleSub ?? null,
    directory_connection_id: m.directoryConnectionId ?? null,
    active,
    deactivated_at: active ? null : deps.clock(),
    role: m.role,
    role_source: m.source,
    scim_role: highestRole(m.scimRoles ?? []) ?? null,
    scim_roles: [...(m.scimRoles ?? [])],
  };
}

type MemberFields = { id: string; email: string; user_name: string; role: string; active: boolean };

/** The audit entry of a member's creation (its row as written). */
export const memberCreatedEvent = (tenantId: string, source: TMemberSource, row: MemberFields): TAuditEventInput => ({
  tenantId,
  action: AUDIT_ACTION[source],
  target: { type: 'member', id: row.id },
  data: { email: row.email, userName: row.user_name, role: row.role, active: row.active },
});

/**
 * The one place a member row is created, for every way in: the dashboard and CLI (`addMember`),
 * SCIM (`createScimUser`) and a first SSO sign-in (`signInWithIdp`). It writes the row and its audit
 * entry in the caller's transaction, so neither exists without the other. Duplicates are left to the
 * unique indexes and the violation propagates: each caller answers it in its own terms (MEMBER_EXISTS,
 * SCIM 409 uniqueness, a JIT retry that finds the winner's row). Permission checks stay with the
 * callers, which know who is asking. (SCIM's POST first tries the same row and entry in one
 * statement: provisionMemberFolded, decision 050.)
 */
export async function insertMember(
  deps: Deps & { db: Transaction<DB> },
  tenantId: string,
  m: TNewMember,
): Promise<MemberRow> {
  const row = await deps.db
    .insertInto('members')
    .values(memberValues(deps, tenantId, m))
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAuditEvent(deps, memberCreatedEvent(tenantId, m.source, row));
  return row;
}
