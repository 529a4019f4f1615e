/** @butterfly/domain/scim: the scim area's use-cases and types, for the apps, API and jobs. */
export type {
  GroupAttrs,
  ListParams,
  ParseFilter,
  PatchOperation,
  ScimContext,
  ScimDeps,
  ScimFilter,
  UserAttrs,
} from './types.ts';
export { MAX_RESULTS, ROLE_DISPLAY, URN as SCIM_URN } from './urns.ts';
export { ScimError, type ScimType } from './scim-error.ts';
export { etag, listResponse, project, toScimGroup, toScimUser, type ScimResource } from './scim.fns.ts';
export { filterToSql, parseScimFilter } from './filter.fns.ts';
export { applyUserPatch } from './patch.fns.ts';
export { applyGroupPatch } from './group-patch.fns.ts';
export { resourceTypes, schemas as scimSchemas, serviceProviderConfig } from './discovery.fns.ts';
export { createScimUser } from './create-scim-user.ts';
export { getScimUser } from './get-scim-user.ts';
export { listScimUsers } from './list-scim-users.ts';
export { replaceScimUser } from './replace-scim-user.ts';
export { patchScimUser } from './patch-scim-user.ts';
export { deleteScimUser } from './delete-scim-user.ts';
export { createScimGroup } from './create-scim-group.ts';
export { getScimGroup } from './get-scim-group.ts';
export { listScimGroups } from './list-scim-groups.ts';
export { replaceScimGroup } from './replace-scim-group.ts';
export { patchScimGroup } from './patch-scim-group.ts';
export { deleteScimGroup } from './delete-scim-group.ts';
export { getScimRole, listScimRoles } from './list-scim-roles.ts';
export { authenticateScimToken } from './authenticate-scim-token.ts';
export { createScimToken, SCIM_TOKEN_PREFIX, ZCreateScimTokenInput } from './create-scim-token.ts';
export { listScimTokens } from './list-scim-tokens.ts';
export { revokeScimToken } from './revoke-scim-token.ts';
export { setScimGroupRole, ZSetScimGroupRoleInput } from './set-scim-group-role.ts';
export { listScimGroupRoles } from './list-scim-group-roles.ts';
