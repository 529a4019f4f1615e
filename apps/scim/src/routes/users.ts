import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from '@butterfly/domain/scim';
import { listParams, listReply, resourceReply } from './query.fns.ts';
import type { Handler } from './types.ts';

export const users: Record<string, Handler> = {
  list: async ({ deps, query }) => listReply(await listScimUsers(deps, listParams(query)), query),
  create: async ({ deps, body }) => resourceReply(await createScimUser(deps, await body()), 201),
  get: async ({ deps, id, query }) => resourceReply(await getScimUser(deps, id!), 200, query),
  replace: async ({ deps, id, body }) => resourceReply(await replaceScimUser(deps, id!, await body())),
  patch: async ({ deps, id, body }) => resourceReply(await patchScimUser(deps, id!, await body())),
  delete: async ({ deps, id }) => {
    await deleteScimUser(deps, id!);
    return { status: 204 };
  },
};
