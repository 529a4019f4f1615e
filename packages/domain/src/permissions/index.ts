/** @butterfly/domain/permissions: the permissions area's use-cases and types, for the apps, API and jobs. */
export { PERMISSIONS, PERMISSION_NAMES, ROLES, type Permission, type Role } from './matrix.ts';
export { capRole, highestRole, isRole, permissionsOf, roleHas, rolePrecedence } from './permissions.fns.ts';
export { authorize, recordDenial } from './authorize.ts';
