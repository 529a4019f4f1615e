import type { TReply } from '../http/respond.ts';
import { newGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import { recordAudit } from './audit.ts';
import { errCtx, metadata, type TGraphCall } from './context.ts';
import { graphError } from './errors.ts';
import type { TMatch } from './match.ts';
import { notFound, parentExists } from './read.ts';
import { defaultsFor, validateNew } from './write-rules.ts';

const READ_ONLY_PROPS = new Set(['id', 'createdDateTime', 'deletedDateTime', '@odata.context']);

function bodyObject(c: TGraphCall): Record<string, unknown> | undefined {
  const b = c.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : undefined;
}

const badRequest = (c: TGraphCall, message: string) => graphError(400, 'Request_BadRequest', message, errCtx(c));

function create(c: TGraphCall, m: Extract<TMatch, { kind: 'list' }>): TReply {
  const body = bodyObject(c);
  if (!body) return badRequest(c, 'The request body must be a JSON object.');
  if (m.parentId && !parentExists(c, m.store)) return notFound(c, m.parentId);
  const tenant = c.principal.tenant;
  const invalid = validateNew(tenant, m.store, body);
  if (invalid) return badRequest(c, invalid);
  const now = new Date(c.deps.clock()).toISOString();
  const clean = Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY_PROPS.has(k)));
  const obj: TObj = { id: newGuid(), ...defaultsFor(m.store, now), ...clean };
  tenant.add(m.store, obj);
  recordAudit(c.principal, 'Add', m.route.type, obj, m.route.service);
  return {
    status: 201,
    headers: { location: `${c.deps.baseUrl}/${c.version}/${m.store}/${obj.id}` },
    body: { '@odata.context': metadata(c, `${m.store}/$entity`), ...obj },
  };
}

function update(
  c: TGraphCall,
  store: string,
  target: TObj | undefined,
  id: string,
  type: string,
  service?: string,
): TReply {
  const body = bodyObject(c);
  if (!body) return badRequest(c, 'The request body must be a JSON object.');
  if (!target) return notFound(c, id);
  if ('id' in body && body.id !== target.id) return badRequest(c, "Property 'id' is read-only and cannot be set.");
  for (const [k, v] of Object.entries(body)) if (!READ_ONLY_PROPS.has(k)) target[k] = v;
  if ('modifiedDateTime' in target || store.startsWith('identity/conditionalAccess'))
    target.modifiedDateTime = new Date(c.deps.clock()).toISOString();
  recordAudit(c.principal, 'Update', type, target, service);
  return { status: 204 };
}

/** Applications, service principals, users and Microsoft 365 groups go to deletedItems; the rest is gone. */
function remove(c: TGraphCall, m: Extract<TMatch, { kind: 'item' }>): TReply {
  const tenant = c.principal.tenant;
  const coll = tenant.collection(m.store);
  const obj = coll.get(m.id);
  if (!obj) return notFound(c, m.id);
  coll.delete(m.id);
  const soft =
    m.route.softDelete === 'always' ||
    (m.route.softDelete === 'unified' && Array.isArray(obj.groupTypes) && obj.groupTypes.includes('Unified'));
  if (soft) {
    obj.deletedDateTime = new Date(c.deps.clock()).toISOString();
    tenant.deleted.set(obj.id, { store: m.store, type: m.route.type.replace('microsoft.graph.', ''), obj });
  } else {
    for (const [key, ids] of tenant.refs)
      if (ids.includes(obj.id))
        tenant.refs.set(
          key,
          ids.filter((i) => i !== obj.id),
        );
  }
  recordAudit(c.principal, soft ? 'Delete' : 'HardDelete', m.route.type, obj, m.route.service);
  return { status: 204 };
}

/** `POST …/members/$ref` with `{"@odata.id": "…/directoryObjects/<id>"}`, and `DELETE …/members/<id>/$ref`. */
function link(c: TGraphCall, m: Extract<TMatch, { kind: 'addLink' | 'removeLink' }>): TReply {
  const tenant = c.principal.tenant;
  if (!parentExists(c, m.store)) return notFound(c, m.parentId);
  const ids = tenant.links(m.store);
  const parent = tenant.directoryObject(m.parentId)?.obj ?? { id: m.parentId };
  if (m.kind === 'removeLink') {
    if (!ids.includes(m.memberId)) return notFound(c, m.memberId);
    tenant.refs.set(
      m.store,
      ids.filter((i) => i !== m.memberId),
    );
    recordAudit(c.principal, 'Update', m.route.type, parent, m.route.service);
    return { status: 204 };
  }
  const ref = bodyObject(c)?.['@odata.id'];
  const id = typeof ref === 'string' ? ref.split('/').filter(Boolean).pop() : undefined;
  if (!id) return badRequest(c, "The request body must have an '@odata.id' naming a directory object.");
  if (!tenant.directoryObject(id)) return notFound(c, id);
  if (ids.includes(id))
    return graphError(
      400,
      'Request_BadRequest',
      "One or more added object references already exist for the following modified properties: 'members'.",
      errCtx(c),
    );
  ids.push(id);
  recordAudit(c.principal, 'Update', m.route.type, parent, m.route.service);
  return { status: 204 };
}

/** POST, PATCH or DELETE on a matched route (permissions already checked). */
export function write(c: TGraphCall, m: TMatch): TReply {
  const tenant = c.principal.tenant;
  const method = c.method;
  if (m.kind === 'list' && method === 'POST') return create(c, m);
  if (m.kind === 'item' && method === 'PATCH')
    return update(c, m.store, tenant.collection(m.store).get(m.id), m.id, m.route.type, m.route.service);
  if (m.kind === 'item' && method === 'DELETE') return remove(c, m);
  if (m.kind === 'singleton' && method === 'PATCH')
    return update(c, m.store, tenant.singletons.get(m.store), m.store, m.route.type, m.route.service);
  if ((m.kind === 'addLink' && method === 'POST') || (m.kind === 'removeLink' && method === 'DELETE'))
    return link(c, m);
  return graphError(405, 'MethodNotAllowed', `The ${method} method is not allowed on this resource.`, errCtx(c));
}
