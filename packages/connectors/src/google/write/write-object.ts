import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import type { GoogleObjectType } from '../catalog.ts';
import { MUTABLE_POLICY_TYPES } from '../catalog.ts';
import { googleTypeDef } from '../catalog.fns.ts';
import { GoogleApiError } from '../errors.ts';
import type { GoogleHttp, GoogleWrite } from '../http/google-http.ts';
import { keyOf } from '../lister.ts';
import { firstRead, type GoogleBases, pages } from '../pager.ts';
import { googleWriteBody } from './body.fns.ts';
import { type GoogleLocation, locateGoogle } from './locate.fns.ts';
import { GoogleWriteError, toGoogleWriteError } from './write-error.fns.ts';

export interface GoogleWriteOp {
  kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate';
  body?: unknown;
  /** Ignored: no Google type the restore writes holds a secret. */
  secrets?: Record<string, string>;
}

export interface GoogleWriteContext {
  http: GoogleHttp;
  bases: GoogleBases;
  customerId: (signal?: AbortSignal) => Promise<string>;
}

type Obj = Record<string, unknown>;
const settingType = (b: unknown) =>
  ((b as { setting?: { type?: unknown } } | undefined)?.setting?.type ?? '') as string;

/**
 * One restore write through the Admin SDK, Groups Settings or the Policy API (decision 066): a
 * create POSTs on the type's list (Google gives a new id), an update PATCHes, a delete DELETEs (what
 * is already gone is fine). A group's members are brought to the snapshot's by inserting and
 * removing members; group settings are PATCHed also to "create" them (a re-created group has
 * Google's defaults). Every write goes through the quota governor and the backoff of reads; a
 * create is never sent twice. Failures carry a stable code (write-error.fns.ts).
 */
export async function writeGoogleObject(
  ctx: GoogleWriteContext,
  ref: IdpObjectRef,
  op: GoogleWriteOp,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const def = googleTypeDef(ref.type);
  const scope =
    def.restore?.writeScopes?.[op.kind === 'create' ? 'create' : op.kind === 'delete' ? 'delete' : 'update']?.[0] ??
    def.scope;
  const what = `${op.kind} ${def.label} ${ref.id}`;
  try {
    return await dispatch(ctx, def, ref, op, scope, signal);
  } catch (e) {
    throw toGoogleWriteError(e, what, scope);
  }
}

async function dispatch(
  ctx: GoogleWriteContext,
  def: GoogleObjectType,
  ref: IdpObjectRef,
  op: GoogleWriteOp,
  scope: string,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const r = def.restore;
  const unsupported = (doing: string) =>
    new GoogleWriteError(
      'UNSUPPORTED',
      `${def.label}: ${doing} is not possible through Google's API${r?.reason ? ` (${r.reason})` : ''}`,
    );
  if (def.type === 'policy' && !MUTABLE_POLICY_TYPES.includes(settingType(op.body)) && op.kind !== 'delete')
    throw unsupported(`writing a ${settingType(op.body) || 'policy'} setting (not in the v1beta1 mutable subset)`);
  const allowed =
    op.kind === 'create' ? r?.create : op.kind === 'delete' ? r?.delete : op.kind === 'update' && r?.update;
  if (!allowed)
    throw unsupported(
      {
        create: 'creating one',
        update: 'changing one',
        delete: 'deleting one',
        activate: 'activating one',
        deactivate: 'deactivating one',
      }[op.kind],
    );
  // Google's own roles (Super Admin, …) are neither made nor changed by anyone.
  if (def.type === 'role' && (op.body as Obj | undefined)?.isSystemRole === true)
    throw unsupported(`${op.kind === 'create' ? 'creating' : 'changing'} a system role`);
  const customer = await ctx.customerId(signal);
  const at = locateGoogle(def, ctx.bases, customer, ref.id, op.body);
  const lane = def.api === 'cloudidentity' ? 'policy' : 'directory';
  const send = (w: Pick<GoogleWrite, 'method' | 'url' | 'body' | 'idempotent'>, template = at.template) =>
    ctx.http.write({ ...w, key: `${w.method} ${template}`, scope, lane }, signal);
  if (def.type === 'group.members') {
    await syncMembers(ctx, def, at, ref.id, op.body, send, signal);
    return { type: def.type, id: ref.id, body: op.body };
  }
  switch (op.kind) {
    case 'create': {
      const body = googleWriteBody(def, op.body, { create: true, customer });
      if (!r?.assignsId) {
        // Group settings: the re-created group has Google's defaults; they become the snapshot's.
        const made = await send({ method: 'PATCH', url: at.item, body, idempotent: true });
        return { type: def.type, id: ref.id, body: made ?? op.body };
      }
      const answer = (await send(
        { method: 'POST', url: at.list, body, idempotent: false },
        at.template.replace(/\/\{id\}$/, ''),
      )) as Obj | undefined;
      // The Policy API answers a long-running Operation (done at once for policies): the policy is its `response`.
      const made = def.type === 'policy' ? (answer?.response as Obj | undefined) : answer;
      if (!made)
        // A long-running operation not done yet: the resumed step finds the policy by its type and target.
        throw new GoogleWriteError(
          'UNAVAILABLE',
          `create ${def.label}: Google has not finished it yet${answer?.name ? ` (${String(answer.name)})` : ''}; apply again to resume`,
        );
      const { '@type': _t, ...item } = made;
      return { type: def.type, id: keyOf(def, item), body: item };
    }
    case 'update': {
      const body = googleWriteBody(def, op.body, { create: false, customer });
      const answer = (await send({ method: 'PATCH', url: at.item, body, idempotent: true })) as Obj | undefined;
      const made = def.type === 'policy' ? (answer?.response as Obj | undefined) : answer;
      return made ? { type: def.type, id: ref.id, body: made } : undefined;
    }
    case 'delete':
      try {
        await send({ method: 'DELETE', url: at.item, idempotent: true });
      } catch (e) {
        if (!(e instanceof GoogleApiError && e.status === 404)) throw e;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A member's key as the insert takes it: its email (survives a re-created member group), else its id. */
const memberKey = (m: Obj) => (typeof m.email === 'string' && m.email ? m.email.toLowerCase() : String(m.id));

/** The group's members to the snapshot's: missing ones inserted, roles put right, extra ones removed. */
async function syncMembers(
  ctx: GoogleWriteContext,
  def: GoogleObjectType,
  at: GoogleLocation,
  groupId: string,
  desired: unknown,
  send: (w: Pick<GoogleWrite, 'method' | 'url' | 'body' | 'idempotent'>, template?: string) => Promise<unknown>,
  signal?: AbortSignal,
) {
  const rows = (desired as Obj | undefined)?.[def.collapse!.field];
  const want = new Map((Array.isArray(rows) ? (rows as Obj[]) : []).map((m) => [memberKey(m), m]));
  const have = new Map<string, Obj>();
  const customer = await ctx.customerId(signal);
  for await (const page of pages(ctx.http, def, firstRead(def, ctx.bases, customer, groupId), signal))
    for (const m of page as Obj[]) have.set(memberKey(m), m);
  const item = (key: string) => `${at.list}/${encodeURIComponent(key)}`;
  const itemTemplate = `${at.template}/{memberKey}`;
  for (const [key, m] of want) {
    const now = have.get(key);
    const role = typeof m.role === 'string' ? m.role : 'MEMBER';
    if (!now) {
      const body: Obj = { role, ...(typeof m.email === 'string' && m.email ? { email: m.email } : { id: m.id }) };
      if (typeof m.delivery_settings === 'string') body.delivery_settings = m.delivery_settings;
      // Inserting a member twice answers 409: checked above, not sent again.
      await send({ method: 'POST', url: at.list, body, idempotent: false });
    } else if (now.role !== role) {
      await send({ method: 'PATCH', url: item(key), body: { role }, idempotent: true }, itemTemplate);
    }
  }
  for (const key of have.keys()) {
    if (want.has(key)) continue;
    try {
      await send({ method: 'DELETE', url: item(key), idempotent: true }, itemTemplate);
    } catch (e) {
      if (!(e instanceof GoogleApiError && e.status === 404)) throw e;
    }
  }
}
