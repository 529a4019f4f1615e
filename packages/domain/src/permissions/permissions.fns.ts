import { PERMISSIONS, type Permission, ROLES, type Role } from './matrix.ts';

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** Precedence: super_admin > admin > backup_operator > auditor > read_only (lower index wins). */
export const rolePrecedence = (role: Role) => ROLES.indexOf(role);

/** The role that wins when several sources grant one (direct SCIM role, mapped groups). */
export function highestRole(roles: Iterable<Role>): Role | undefined {
  let best: Role | undefined;
  for (const r of roles) if (best === undefined || rolePrecedence(r) < rolePrecedence(best)) best = r;
  return best;
}

/** A token never grants more than its owner's role: the lower of the two. */
export function capRole(owner: Role, cap: Role | null | undefined): Role {
  if (!cap) return owner;
  return rolePrecedence(cap) > rolePrecedence(owner) ? cap : owner;
}

/** Permissions of a role, in matrix order (for `me.get` and the dashboard). */
export const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleHas(role, p));
