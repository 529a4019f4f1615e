import type { TReply } from '../http/respond.ts';
import { recordAudit } from './audit.ts';
import { errCtx, type TGraphCall } from './context.ts';
import { graphError } from './errors.ts';
import type { TMatch } from './match.ts';
import { entity, listPage, notFound } from './read.ts';
import { ROUTES, readPermissions } from './routes.ts';

const STORE_OF: Record<string, string> = {
  application: 'applications',
  servicePrincipal: 'servicePrincipals',
  group: 'groups',
  user: 'users',
};

/** The route whose permissions guard a deleted item of this type. */
export function deletedRoute(type: string) {
  const store = STORE_OF[type];
  return store ? ROUTES.find((r) => r.path === store) : undefined;
}

/** The permissions a deletedItems call needs (undefined: an unknown type or id). */
export function deletedPermissions(c: TGraphCall, m: TMatch): string[] | undefined {
  const type = m.kind === 'deletedList' ? m.type : 'id' in m ? c.principal.tenant.deleted.get(m.id)?.type : undefined;
  const route = type ? deletedRoute(type) : undefined;
  if (!route) return undefined;
  return c.method === 'GET' ? readPermissions(route) : route.write;
}

/** `directory/deletedItems`: list by type, get, restore (same id, 200 with the object), purge. */
export function deletedItems(c: TGraphCall, m: TMatch): TReply {
  const tenant = c.principal.tenant;
  if (m.kind === 'deletedList') {
    if (c.method !== 'GET') return graphError(405, 'MethodNotAllowed', 'Only GET lists deleted items.', errCtx(c));
    const items = [...tenant.deleted.values()].filter((d) => d.type === m.type).map((d) => d.obj);
    return listPage(c, `directory/deletedItems/${m.type}`, items, `directory/deletedItems/microsoft.graph.${m.type}`);
  }
  if (m.kind !== 'deletedItem' && m.kind !== 'restore') return notFound(c, c.path);
  const found = tenant.deleted.get(m.id);
  if (!found) return notFound(c, m.id);
  const route = deletedRoute(found.type)!;
  if (m.kind === 'deletedItem' && c.method === 'GET') return entity(c, found.obj, 'directoryObjects');
  if (m.kind === 'deletedItem' && c.method === 'DELETE') {
    tenant.deleted.delete(m.id);
    recordAudit(c.principal, 'HardDelete', route.type, found.obj);
    return { status: 204 };
  }
  if (m.kind === 'restore' && c.method === 'POST') {
    tenant.deleted.delete(m.id);
    found.obj.deletedDateTime = null;
    tenant.add(found.store, found.obj);
    recordAudit(c.principal, 'Restore', route.type, found.obj);
    return {
      status: 200,
      body: {
        '@odata.context': `${c.deps.baseUrl}/${c.version}/$metadata#directoryObjects/$entity`,
        '@odata.type': `#microsoft.graph.${found.type}`,
        ...found.obj,
      },
    };
  }
  return graphError(405, 'MethodNotAllowed', `The ${c.method} method is not allowed on this resource.`, errCtx(c));
}
