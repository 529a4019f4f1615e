import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
} from '@butterfly/domain/scim';
import { excludesMembers, listParams, listReply, resourceReply } from './query.fns.ts';
import type { Handler } from './types.ts';

// Entra lists and reads groups with excludedAttributes=members: the members are then not even loaded.
export const groups: Record<string, Handler> = {
  list: async ({ deps, query }) =>
    listReply(await listScimGroups(deps, { ...listParams(query), excludeMembers: excludesMembers(query) }), query),
  create: async ({ deps, body }) => resourceReply(await createScimGroup(deps, await body()), 201),
  get: async ({ deps, id, query }) =>
    resourceReply(await getScimGroup(deps, id!, { excludeMembers: excludesMembers(query) }), 200, query),
  replace: async ({ deps, id, body }) => resourceReply(await replaceScimGroup(deps, id!, await body())),
  patch: async ({ deps, id, body }) => resourceReply(await patchScimGroup(deps, id!, await body())),
  delete: async ({ deps, id }) => {
    await deleteScimGroup(deps, id!);
    return { status: 204 };
  },
};
