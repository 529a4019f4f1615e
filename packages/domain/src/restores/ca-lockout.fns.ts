import { valueAt } from '../snapshots/paths.fns.ts';

/**
 * Entra product knowledge for the lockout guard (as lockout.fns.ts holds Okta's): a Conditional
 * Access policy switched on can lock the admins out when it blocks, or demands a control, for
 * every admin — all users or the admin roles included, and no admin (no break-glass account, no
 * admin role) excluded.
 */
export const GLOBAL_ADMIN_TEMPLATE = '62e90394-69f5-4237-9190-012177145e10';

export interface EntraAdmins {
  /** Object ids of the users holding Global Administrator, with their names. */
  users: ReadonlyMap<string, string>;
}

const list = (body: unknown, path: string): string[] => {
  const v = valueAt(body, path);
  return Array.isArray(v) ? v.map(String) : [];
};

/** Why enforcing this policy could lock every admin out, or undefined. */
export function caLockoutReason(policy: unknown, admins: EntraAdmins): string | undefined {
  const controls = list(policy, 'grantControls.builtInControls');
  const strength = valueAt(policy, 'grantControls.authenticationStrength');
  if (!controls.length && !strength) return undefined;
  const includeUsers = list(policy, 'conditions.users.includeUsers');
  const includeRoles = list(policy, 'conditions.users.includeRoles');
  const excludeUsers = new Set(list(policy, 'conditions.users.excludeUsers'));
  const excludeRoles = list(policy, 'conditions.users.excludeRoles');
  if (excludeRoles.includes(GLOBAL_ADMIN_TEMPLATE)) return undefined;
  const ids = [...admins.users.keys()];
  const reachesAll =
    includeUsers.includes('All') ||
    includeRoles.includes(GLOBAL_ADMIN_TEMPLATE) ||
    (ids.length > 0 && ids.every((id) => includeUsers.includes(id)));
  if (!reachesAll) return undefined;
  // One admin left out (a break-glass account) can still sign in and undo it.
  if (ids.some((id) => excludeUsers.has(id))) return undefined;
  const what = controls.includes('block')
    ? 'blocks'
    : `requires ${[...controls, ...(strength ? ['an authentication strength'] : [])].join(', ')} of`;
  return `it ${what} every Global Administrator and excludes none of them`;
}
