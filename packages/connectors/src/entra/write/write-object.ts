import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import type { EntraObjectType } from '../catalog.ts';
import { entraTypeDef } from '../catalog.fns.ts';
import { GraphApiError } from '../errors.ts';
import type { GraphHttp, GraphWrite } from '../http/graph-http.ts';
import { objectId, toIdpObject } from '../objects.fns.ts';
import { firstRead, pagesFrom } from '../pager.ts';
import { entraWriteBody } from './body.fns.ts';
import { keepsDeleted, restoreDeleted } from './deleted-items.ts';
import { type EntraLocation, locateEntra } from './locate.fns.ts';
import { writePermissionOf } from './permissions.fns.ts';
import { EntraWriteError, toWriteError } from './write-error.fns.ts';

export interface EntraWriteOp {
  kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate';
  body?: unknown;
  /** Ignored: Entra takes no given secret (addPassword makes one), and a restore never sends one. */
  secrets?: Record<string, string>;
}

/** Types Graph creates by a PATCH on the item's own key (an upsert), not a POST on the list. */
const CREATE_BY_PATCH = new Set(['authenticationContext']);

/**
 * One restore write through Graph (decision 059): a create POSTs (or, for what Entra keeps after a
 * delete, first restores it from `directory/deletedItems` with its id, then PATCHes it to the
 * snapshot's content), an update PATCHes, a delete DELETEs (what is already gone is fine). A
 * membership list (a group's members or owners) is brought to the snapshot's by adding and
 * removing `$ref`s. Every write goes through the governor and the guarded wire; failures carry a
 * stable code (write-error.fns.ts).
 */
export async function writeEntraObject(
  graph: GraphHttp,
  ref: IdpObjectRef,
  op: EntraWriteOp,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const def = entraTypeDef(ref.type);
  const permission = writePermissionOf(def.type) ?? def.permission;
  const what = `${op.kind} ${def.label} ${ref.id}`;
  try {
    return await dispatch(graph, def, ref, op, permission, signal);
  } catch (e) {
    throw toWriteError(e, what, permission);
  }
}

async function dispatch(
  graph: GraphHttp,
  def: EntraObjectType,
  ref: IdpObjectRef,
  op: EntraWriteOp,
  permission: string,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const at = locateEntra(def, ref.id);
  const r = def.restore;
  const unsupported = (doing: string) =>
    new EntraWriteError(
      'UNSUPPORTED',
      `${def.label}: ${doing} is not possible through Graph${r?.reason ? ` (${r.reason})` : r?.recreateNote ? ` (${r.recreateNote})` : ''}`,
    );
  const send = (w: Omit<GraphWrite, 'permission' | 'version'>) =>
    graph.write({ ...w, permission, version: def.version }, signal);
  if (def.collapse) {
    if (op.kind === 'delete' || op.kind === 'activate' || op.kind === 'deactivate' || !r?.update)
      throw unsupported(`${op.kind === 'delete' ? 'deleting' : 'changing'} one`);
    await syncLinks(graph, def, at, op.body, send, signal);
    return { type: def.type, id: ref.id, body: op.body };
  }
  switch (op.kind) {
    case 'create': {
      if (!r?.create || def.singleton) throw unsupported('creating one');
      if (keepsDeleted(def)) {
        const back = await restoreDeleted(graph, def, at.own!, signal);
        if (back) {
          await send({
            method: 'PATCH',
            url: at.item,
            template: at.itemTemplate,
            body: entraWriteBody(def, op.body, { create: false }),
            idempotent: true,
          });
          return toIdpObject(def, ref.id, { ...(back.body as object), id: at.own });
        }
      }
      const body = entraWriteBody(def, op.body, { create: true });
      if (CREATE_BY_PATCH.has(def.type)) {
        await send({ method: 'PATCH', url: at.item, template: at.itemTemplate, body, idempotent: true });
        return toIdpObject(def, ref.id, { ...body, id: at.own });
      }
      const { body: made } = await send({
        method: 'POST',
        url: at.list,
        template: at.listTemplate,
        body,
        idempotent: !(r.assignsId ?? true),
      });
      const item = made && typeof made === 'object' ? made : { ...body, id: at.own };
      return toIdpObject(def, objectId(def, at.parentKey ? [at.parentKey] : [], item), item);
    }
    case 'update': {
      if (!r?.update) throw unsupported('changing one');
      const body = entraWriteBody(def, op.body, { create: false });
      await send({ method: 'PATCH', url: at.item, template: at.itemTemplate, body, idempotent: true });
      return undefined;
    }
    case 'delete':
      if (!r?.delete || def.singleton) throw unsupported('deleting one');
      try {
        await send({ method: 'DELETE', url: at.item, template: at.itemTemplate, idempotent: true });
      } catch (e) {
        if (!(e instanceof GraphApiError && e.status === 404)) throw e;
      }
      return undefined;
    default: {
      // Decision 059: what a restore wrote in report-only is switched to the snapshot's state by a
      // separate, confirmed step (enable-restored-policies): only that one field is sent.
      const first = r?.reportOnly;
      const state = first ? (op.body as Record<string, unknown> | undefined)?.[first.path] : undefined;
      if (op.kind !== 'activate' || !first || typeof state !== 'string')
        throw unsupported(`${op.kind === 'activate' ? 'activating' : 'deactivating'} one`);
      await send({
        method: 'PATCH',
        url: at.item,
        template: at.itemTemplate,
        body: { [first.path]: state },
        idempotent: true,
      });
      return undefined;
    }
  }
}

/** A membership list to the snapshot's: missing members added by `$ref`, extra ones removed. */
async function syncLinks(
  graph: GraphHttp,
  def: EntraObjectType,
  at: EntraLocation,
  desired: unknown,
  send: (w: Omit<GraphWrite, 'permission' | 'version'>) => Promise<unknown>,
  signal?: AbortSignal,
) {
  const field = def.collapse!.field;
  const rows = (desired as Record<string, unknown> | undefined)?.[field];
  const want = new Set(Array.isArray(rows) ? rows.map((m) => String((m as { id?: unknown }).id)) : []);
  const have = new Set<string>();
  for await (const page of pagesFrom(graph, def, firstRead(def, at.parentKey), signal))
    for (const m of page.items as { id?: unknown }[]) if (typeof m.id === 'string') have.add(m.id);
  for (const id of want) {
    if (have.has(id)) continue;
    await send({
      method: 'POST',
      url: `${at.list}/$ref`,
      template: `${at.listTemplate}/$ref`,
      body: { '@odata.id': graph.absolute('v1.0', `/directoryObjects/${encodeURIComponent(id)}`) },
      // Adding a member twice answers 400 "already exist": checked above, not sent again.
      idempotent: false,
    });
  }
  for (const id of have) {
    if (want.has(id)) continue;
    await send({
      method: 'DELETE',
      url: `${at.list}/${encodeURIComponent(id)}/$ref`,
      template: `${at.listTemplate}/{key}/$ref`,
      idempotent: true,
    });
  }
}
