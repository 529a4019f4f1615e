import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { typeDef } from '../catalog.fns.ts';
import type { OktaObjectType } from '../catalog.ts';
import { OktaApiError, OktaUnsupportedError } from '../errors.ts';
import { valueAt } from '../json-path.fns.ts';
import { objectId, toIdpObject } from '../objects.fns.ts';
import { isSentSeparately, writeBody } from './body.fns.ts';
import { type Location, locate } from './locate.fns.ts';
import { writeScope } from './scopes.fns.ts';
import { assignsId, specOf } from './spec.fns.ts';
import type { WriteSpec } from './spec.ts';
import type { WriteRequest } from './write-api.ts';

export interface WriteOp {
  kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate';
  body?: unknown;
  secrets?: Record<string, string>;
}

export interface Writer {
  send(r: Omit<WriteRequest, 'scope'> & { scope?: string }): Promise<{ body: unknown }>;
  read(def: OktaObjectType, url: string, template: string): Promise<unknown>;
  def: OktaObjectType;
}

/**
 * One restore write, the Okta way for its type (write/spec.ts): creates return the object with its
 * new id, updates that Okta refuses on an active object (group rules) deactivate first, deletions
 * of what must be inactive deactivate first, and a user is deleted in Okta's two steps.
 */
export async function writeObject(
  send: Writer['send'],
  read: Writer['read'],
  ref: IdpObjectRef,
  op: WriteOp,
): Promise<IdpObject | undefined> {
  const def = typeDef(ref.type);
  const spec = specOf(def);
  const at = locate(def, ref.id);
  const w = (r: Omit<WriteRequest, 'scope'>) => send({ ...r, scope: writeScope(def, r.method, r.template) });
  const unsupported = (what: string) =>
    new OktaUnsupportedError(
      `${def.label}: ${what} is not possible through the API${spec.reason ? ` (${spec.reason})` : ''}`,
    );
  switch (op.kind) {
    case 'create':
      if (spec.create === false || def.singleton) throw unsupported('creating one');
      return create(w, def, spec, at, op);
    case 'update': {
      if (spec.update === false) throw unsupported('changing one');
      const u = spec.update ?? {};
      if (u.onlyWhileInactive && valueAt(await read(def, at.item, at.itemTemplate), 'status') === 'ACTIVE')
        await lifecycle(w, at, 'deactivate');
      const payload = writeBody(def, spec, op.body, { create: false, assignsId: assignsId(def), secrets: op.secrets });
      const { body } = await w({
        method: u.method ?? 'PUT',
        url: at.item,
        template: at.itemTemplate,
        body: payload,
        idempotent: true,
      });
      await sendSecrets(w, def, at.item, at.itemTemplate, op.secrets);
      return body && typeof body === 'object' ? toIdpObject(def, ref.id, body) : undefined;
    }
    case 'delete':
      if (spec.delete === false || def.singleton) throw unsupported('deleting one');
      // Okta deletes only inactive zones, apps, rules, hooks …: anything with a lifecycle is deactivated first.
      if (spec.delete?.deactivateFirst || (spec.lifecycle && !spec.delete?.twice))
        await lifecycle(w, at, 'deactivate').catch(ignoreClientError);
      await w({ method: 'DELETE', url: at.item, template: at.itemTemplate, idempotent: true }).catch(ignoreNotFound);
      // Okta deletes a user in two calls: the first deactivates (deprovisions), the second deletes.
      if (spec.delete?.twice)
        await w({ method: 'DELETE', url: at.item, template: at.itemTemplate, idempotent: true }).catch(ignoreNotFound);
      return undefined;
    default:
      if (!spec.lifecycle) throw unsupported(`${op.kind === 'activate' ? 'activating' : 'deactivating'} one`);
      if (def.type === 'user') return userLifecycle(w, read, def, at, op.kind);
      await lifecycle(w, at, op.kind);
      return undefined;
  }
}

async function create(
  w: (r: Omit<WriteRequest, 'scope'>) => Promise<{ body: unknown }>,
  def: OktaObjectType,
  spec: WriteSpec,
  at: Location,
  op: WriteOp,
) {
  const c = spec.create || {};
  const payload =
    c.fields?.length === 0
      ? undefined
      : writeBody(def, spec, op.body, { create: true, assignsId: assignsId(def), secrets: op.secrets });
  const status = valueAt(op.body, 'status');
  const put = c.method === 'PUT' || c.method === 'PATCH' || !!c.onItem;
  // The only custom path (a policy's app mapping) takes the app (our key) and the policy (our parent).
  const [url, template] = c.path
    ? [
        c.path
          .replace('{appId}', encodeURIComponent(at.own!))
          .replace('{policyId}', encodeURIComponent(at.ancestors[0]!)),
        c.path,
      ]
    : put
      ? [at.item, at.itemTemplate]
      : [at.list, at.listTemplate];
  const activate = c.activateParam && spec.lifecycle ? `?activate=${status !== 'INACTIVE' && status !== 'STAGED'}` : '';
  const { body } = await w({
    method: c.method ?? 'POST',
    url: `${url}${activate}`,
    template,
    body: payload,
    idempotent: put,
  });
  const made = body && typeof body === 'object' ? body : { ...(payload as object | undefined), id: at.own };
  const id = objectId(def, at.ancestors, made);
  const item = locate(def, id);
  await sendSecrets(w, def, item.item, item.itemTemplate, op.secrets);
  return toIdpObject(def, id, made);
}

/** An OAuth app's client secret, supplied from the customer's vault (Okta accepts a given secret). */
async function sendSecrets(
  w: (r: Omit<WriteRequest, 'scope'>) => Promise<{ body: unknown }>,
  def: OktaObjectType,
  item: string,
  itemTemplate: string,
  secrets?: Record<string, string>,
) {
  for (const [path, value] of Object.entries(secrets ?? {})) {
    if (!isSentSeparately(def, path)) continue;
    await w({
      method: 'POST',
      url: `${item}/credentials/secrets`,
      template: `${itemTemplate}/credentials/secrets`,
      body: { client_secret: value },
      idempotent: false,
    });
  }
}

const lifecycle = (
  w: (r: Omit<WriteRequest, 'scope'>) => Promise<{ body: unknown }>,
  at: Location,
  kind: 'activate' | 'deactivate',
  query = '',
) =>
  w({
    method: 'POST',
    url: `${at.item}/lifecycle/${kind}${query}`,
    template: `${at.itemTemplate}/lifecycle/${kind}`,
    idempotent: true,
  });

/** A user's way back depends on where it is: deprovisioned users are activated, suspended ones unsuspended. */
async function userLifecycle(
  w: (r: Omit<WriteRequest, 'scope'>) => Promise<{ body: unknown }>,
  read: Writer['read'],
  def: OktaObjectType,
  at: Location,
  kind: 'activate' | 'deactivate',
) {
  const status = valueAt(await read(def, at.item, at.itemTemplate), 'status');
  if (kind === 'deactivate') {
    if (status !== 'DEPROVISIONED') await lifecycle(w, at, 'deactivate');
  } else if (status === 'SUSPENDED') {
    await w({
      method: 'POST',
      url: `${at.item}/lifecycle/unsuspend`,
      template: `${at.itemTemplate}/lifecycle/unsuspend`,
      idempotent: true,
    });
  } else if (status === 'DEPROVISIONED' || status === 'STAGED') {
    await lifecycle(w, at, 'activate', '?sendEmail=false');
  }
  return undefined;
}

const ignoreNotFound = (e: unknown) => {
  if (!(e instanceof OktaApiError && e.status === 404)) throw e;
};
const ignoreClientError = (e: unknown) => {
  if (!(e instanceof OktaApiError && e.status < 500)) throw e;
};
