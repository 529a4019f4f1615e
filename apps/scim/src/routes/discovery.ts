import { DomainError } from '@butterfly/domain/core';
import {
  getScimRole,
  listResponse,
  listScimRoles,
  resourceTypes,
  scimSchemas,
  serviceProviderConfig,
} from '@butterfly/domain/scim';
import { listParams } from './query.fns.ts';
import type { Handler } from './types.ts';

function one<T extends { id: string }>(items: T[], id: string, what: string) {
  const found = items.find((i) => i.id.toLowerCase() === id.toLowerCase());
  if (!found) throw new DomainError('NOT_FOUND', `${what} ${id} not found`);
  return { status: 200, body: found };
}

export const discovery: Record<string, Handler> = {
  serviceProviderConfig: ({ deps }) => ({ status: 200, body: serviceProviderConfig(deps.scim.baseUrl) }),
  resourceTypes: ({ deps }) => {
    const all = resourceTypes(deps.scim.baseUrl);
    return { status: 200, body: listResponse(all, all.length, 1) };
  },
  resourceType: ({ deps, id }) => one(resourceTypes(deps.scim.baseUrl), id!, 'ResourceType'),
  schemas: ({ deps }) => {
    const all = scimSchemas(deps.scim.baseUrl);
    return { status: 200, body: listResponse(all, all.length, 1) };
  },
  schema: ({ deps, id }) => one(scimSchemas(deps.scim.baseUrl), id!, 'Schema'),
  roles: ({ deps, query }) => ({ status: 200, body: listScimRoles(deps.scim, listParams(query)) }),
  role: ({ deps, id }) => ({ status: 200, body: getScimRole(deps.scim, id!) }),
};
