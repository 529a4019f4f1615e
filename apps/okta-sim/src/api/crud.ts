import { oktaId } from '../model/ids.ts';
import type { Json } from '../model/types.ts';
import { iso } from '../okta/time.ts';
import type { SeqTable } from '../store/seq-table.ts';
import { type Ctx, ok, type Reply } from './context.ts';
import { notFound, validation } from '../okta/errors.ts';
import { allOf, pageOf, type TLimits } from './paging.ts';
import { type Route, route } from './router.ts';
import { audit } from './syslog/events.ts';

/** Event types written to the System Log for each kind of change. */
export interface TEvents {
  create: string;
  update: string;
  delete: string;
  activate?: string;
  deactivate?: string;
}

/**
 * A collection served the usual Okta way: list, create, read, replace, delete and (optionally)
 * activate/deactivate. Most object types are one of these with a few hooks; the types with more
 * behaviour (users, groups, apps, policies) have their own modules.
 */
export interface TCrud {
  /** Table name; a nested collection's table is `<table>:<parent id>`. */
  table: string;
  /** List path as in the OpenAPI file; the item path appends `/{idParam}`. */
  path: string;
  idParam: string;
  /** The parent must exist: its id is `params[param]`, looked up in `table` (a name, or one built from the params). */
  parent?: { param: string; table: string | ((ctx: Ctx) => string) };
  prefix: string;
  scope: string;
  /** Paged with `limit`/`after` when set; otherwise the list is returned whole. */
  page?: TLimits;
  lifecycle?: boolean;
  /** Replace verb(s) the API defines for the item. */
  update?: ('PUT' | 'POST')[];
  readOnly?: boolean;
  /** Some collections are fixed sets (themes): they can be replaced but not created or deleted. */
  fixed?: boolean;
  createdStatus?: 200 | 201;
  /** Objects of this type carry no created/lastUpdated (scopes, claims, brands). */
  untimed?: boolean;
  log: { type: string; events: TEvents };
  links: (obj: Json, ctx: Ctx, self: string) => Record<string, unknown>;
  validate?: (body: Json, ctx: Ctx) => void;
  /** Fields Okta adds to a created object (status, system, defaults of the type). */
  defaults?: (body: Json, ctx: Ctx) => Json;
  match?: (obj: Json, ctx: Ctx) => boolean;
  beforeDelete?: (obj: Json, ctx: Ctx) => void;
  beforeReplace?: (existing: Json, ctx: Ctx) => void;
  /** Fields that depend on the new id (an authorization server's issuer). */
  afterCreate?: (obj: Json, ctx: Ctx) => void;
  /** After activate/deactivate (a group rule, once active, assigns its users). */
  afterLifecycle?: (obj: Json, ctx: Ctx) => void;
  /** What activate/deactivate answer: the object (most types) or nothing (204). */
  lifecycleReply?: 'object' | 'empty';
  /** Non-standard replace semantics (keep fields Okta does not let a PUT change). */
  replace?: (existing: Json, body: Json, ctx: Ctx) => Json;
}

export const displayOf = (o: Json): string => o.name ?? o.label ?? o.displayName ?? o.id;

export function crudTable(ctx: Ctx, def: Pick<TCrud, 'table' | 'parent'>): SeqTable<string, Json> {
  if (!def.parent) return ctx.org.data.table(def.table);
  const parentId = ctx.params[def.parent.param]!;
  const parentTable = typeof def.parent.table === 'string' ? def.parent.table : def.parent.table(ctx);
  if (!ctx.org.data.table(parentTable).has(parentId)) throw notFound(`${parentId} (${parentTable.split(':')[0]})`);
  if (typeof def.parent.table !== 'string')
    return ctx.org.data.table(`${def.table}:${parentTable.split(':').slice(1).join(':')}:${parentId}`);
  return ctx.org.data.table(`${def.table}:${parentId}`);
}

export function crudItem(ctx: Ctx, def: TCrud): Json {
  const id = ctx.params[def.idParam]!;
  const found = crudTable(ctx, def).get(id);
  if (!found) throw notFound(`${id} (${def.log.type})`);
  return found;
}

function itemPath(ctx: Ctx, def: TCrud, id: string): string {
  const list = def.path.replace(/\{(\w+)\}/g, (_, name: string) => ctx.params[name]!);
  return `${ctx.base}${list}/${id}`;
}

export const renderWith = (ctx: Ctx, def: TCrud) => (obj: Json) => ({
  ...obj,
  _links: def.links(obj, ctx, itemPath(ctx, def, obj.id)),
});

export const targetOf = (def: Pick<TCrud, 'log'>, obj: Json) => ({
  id: obj.id,
  type: def.log.type,
  alternateId: obj.name ?? obj.label ?? obj.id,
  displayName: displayOf(obj),
});

function list(def: TCrud) {
  return (ctx: Ctx): Reply => {
    const table = crudTable(ctx, def);
    const keep = def.match ? (o: Json) => def.match!(o, ctx) : undefined;
    if (def.page) return pageOf(ctx, table, def.page, renderWith(ctx, def), keep);
    const rows = [...table.values()].filter((o) => !keep || keep(o));
    return allOf(ctx, rows.map(renderWith(ctx, def)));
  };
}

function create(def: TCrud) {
  return (ctx: Ctx): Reply => {
    const table = crudTable(ctx, def);
    def.validate?.(ctx.body, ctx);
    const { _links: _l, _embedded: _e, id: _i, ...body } = ctx.body;
    const now = iso(ctx.now);
    const obj: Json = {
      id: oktaId(ctx.org.ids, def.prefix),
      ...(def.defaults?.(body, ctx) ?? body),
      ...(def.untimed ? {} : { created: now, lastUpdated: now }),
    };
    if (def.lifecycle && ctx.query.get('activate') === 'false') obj.status = 'INACTIVE';
    def.afterCreate?.(obj, ctx);
    table.set(obj.id, obj);
    audit(ctx, def.log.events.create, targetOf(def, obj));
    return { status: def.createdStatus ?? 200, body: renderWith(ctx, def)(obj) };
  };
}

function replace(def: TCrud) {
  return (ctx: Ctx): Reply => {
    const existing = crudItem(ctx, def);
    def.beforeReplace?.(existing, ctx);
    def.validate?.(ctx.body, ctx);
    const { _links: _l, _embedded: _e, id: _i, created: _c, lastUpdated: _u, ...body } = ctx.body;
    const keep = { id: existing.id, ...(existing.system !== undefined ? { system: existing.system } : {}) };
    const times = def.untimed ? {} : { created: existing.created, lastUpdated: iso(ctx.now) };
    const obj: Json = { ...(def.replace?.(existing, body, ctx) ?? body), ...keep, status: existing.status, ...times };
    if (existing.status === undefined) delete obj.status;
    crudTable(ctx, def).set(obj.id, obj);
    audit(ctx, def.log.events.update, targetOf(def, obj));
    return ok(renderWith(ctx, def)(obj));
  };
}

function remove(def: TCrud) {
  return (ctx: Ctx): Reply => {
    const obj = crudItem(ctx, def);
    if (obj.system) throw validation('system', `system: Cannot delete a system ${def.log.type}`);
    def.beforeDelete?.(obj, ctx);
    crudTable(ctx, def).delete(obj.id);
    audit(ctx, def.log.events.delete, targetOf(def, obj));
    return { status: 204 };
  };
}

function lifecycle(def: TCrud, status: 'ACTIVE' | 'INACTIVE') {
  return (ctx: Ctx): Reply => {
    const obj = crudItem(ctx, def);
    if (obj.status !== status) Object.assign(obj, { status }, def.untimed ? {} : { lastUpdated: iso(ctx.now) });
    const event = status === 'ACTIVE' ? def.log.events.activate : def.log.events.deactivate;
    audit(ctx, event ?? def.log.events.update, targetOf(def, obj));
    def.afterLifecycle?.(obj, ctx);
    return def.lifecycleReply === 'empty' ? { status: 204 } : ok(renderWith(ctx, def)(obj));
  };
}

export function crudRoutes(def: TCrud): Route[] {
  const item = `${def.path}/{${def.idParam}}`;
  const routes = [
    route('GET', def.path, def.scope, list(def)),
    route('GET', item, def.scope, (ctx) => ok(renderWith(ctx, def)(crudItem(ctx, def)))),
  ];
  if (def.readOnly) return routes;
  if (!def.fixed)
    routes.push(route('POST', def.path, def.scope, create(def)), route('DELETE', item, def.scope, remove(def)));
  for (const verb of def.update ?? ['PUT']) routes.push(route(verb, item, def.scope, replace(def)));
  if (def.lifecycle) {
    routes.push(route('POST', `${item}/lifecycle/activate`, def.scope, lifecycle(def, 'ACTIVE')));
    routes.push(route('POST', `${item}/lifecycle/deactivate`, def.scope, lifecycle(def, 'INACTIVE')));
  }
  return routes;
}
