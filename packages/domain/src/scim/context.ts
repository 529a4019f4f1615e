import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { isUniqueViolation } from '../db.fns.ts';
import { ScimError } from './scim-error.ts';

/** The tenant a SCIM request acts on: the one its bearer token belongs to, never a parameter. */
export function scimTenantId(deps: Pick<Deps, 'actor'>): string {
  if (deps.actor.kind !== 'scim') throw new DomainError('UNAUTHENTICATED', 'SCIM operations need a SCIM token');
  return deps.actor.tenantId;
}

export const notFound = (what: 'User' | 'Group' | 'Role', id: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} not found`);

/** Maps the unique indexes a SCIM write can hit to 409 uniqueness; anything else passes through. */
export function uniquenessError(e: unknown): unknown {
  if (isDomainError(e)) return e;
  if (isUniqueViolation(e, 'members_tenant_user_name_key'))
    return new ScimError('MEMBER_EXISTS', 'uniqueness', 'A user with this userName already exists');
  if (isUniqueViolation(e, 'members_tenant_email_key'))
    return new ScimError('MEMBER_EXISTS', 'uniqueness', 'A user with this email already exists');
  if (isUniqueViolation(e, 'scim_groups_tenant_display_name_key'))
    return new ScimError('CONFLICT', 'uniqueness', 'A group with this displayName already exists');
  return e;
}
