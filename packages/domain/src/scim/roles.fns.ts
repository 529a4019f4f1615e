import type { Role } from '../permissions/matrix.ts';
import { highestRole } from '../permissions/permissions.fns.ts';

export interface RoleState {
  role: Role;
  roleSource: 'scim' | 'jit' | 'manual';
}

/**
 * A member's effective role from the IdP's direct assignment and the roles of the mapped groups they
 * belong to: the highest wins (roles.md). When SCIM grants nothing, a member whose role SCIM manages
 * falls to read_only, while a role set by hand or at sign-in stays until SCIM says something.
 */
export function effectiveRole(current: RoleState, direct: Role | null, mapped: readonly Role[]): RoleState {
  const best = highestRole(direct ? [direct, ...mapped] : mapped);
  if (best) return { role: best, roleSource: 'scim' };
  if (current.roleSource === 'scim') return { role: 'read_only', roleSource: 'scim' };
  return current;
}
