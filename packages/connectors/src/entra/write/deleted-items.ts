import type { EntraObjectType } from '../catalog.ts';
import { entraTypeDef } from '../catalog.fns.ts';
import { GraphApiError } from '../errors.ts';
import type { GraphAnswer, GraphHttp } from '../http/graph-http.ts';
import { pagesFrom } from '../pager.ts';
import { writePermissionOf } from './permissions.fns.ts';

/**
 * Types Entra keeps in `directory/deletedItems` for 30 days after a delete, restorable with their
 * id (shared/spec/entra.md §C [RESTORE]); of groups only Microsoft 365 ones go there, a security
 * group is gone at once.
 */
export const SOFT_DELETED_TYPES: readonly string[] = ['application', 'servicePrincipal', 'group', 'user'];

export const keepsDeleted = (def: EntraObjectType) => SOFT_DELETED_TYPES.includes(def.type) && !def.parent;

/** The soft-deleted objects of a type: their ids and when they were deleted. */
export async function listDeleted(
  graph: GraphHttp,
  type: string,
  signal?: AbortSignal,
): Promise<{ id: string; deletedAt?: string }[]> {
  const def = entraTypeDef(type);
  if (!keepsDeleted(def)) return [];
  const path = `/directory/deletedItems/microsoft.graph.${def.type}`;
  const first = { url: path, template: path, permission: def.permission, version: 'v1.0' as const };
  const out: { id: string; deletedAt?: string }[] = [];
  for await (const page of pagesFrom(graph, def, first, signal))
    for (const item of page.items as { id?: unknown; deletedDateTime?: unknown }[])
      if (typeof item.id === 'string')
        out.push({
          id: item.id,
          ...(typeof item.deletedDateTime === 'string' ? { deletedAt: item.deletedDateTime } : {}),
        });
  return out;
}

/**
 * `POST directory/deletedItems/{id}/restore`: the object back with its id and what Entra kept of it
 * (an app's credentials, a group's members). Undefined when Entra no longer holds it (purged, or
 * older than 30 days): the caller creates it anew.
 */
export async function restoreDeleted(
  graph: GraphHttp,
  def: EntraObjectType,
  id: string,
  signal?: AbortSignal,
): Promise<GraphAnswer | undefined> {
  const template = '/directory/deletedItems/{id}/restore';
  try {
    return await graph.write(
      {
        method: 'POST',
        url: `/directory/deletedItems/${encodeURIComponent(id)}/restore`,
        template,
        permission: writePermissionOf(def.type) ?? def.permission,
        version: 'v1.0',
        // Restoring what is already restored answers 404: safe to send again.
        idempotent: true,
      },
      signal,
    );
  } catch (e) {
    if (e instanceof GraphApiError && e.status === 404) return undefined;
    throw e;
  }
}
