import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { merge } from '../../okta/merge.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, ok, type Reply } from '../context.ts';
import { crudRoutes, type TCrud } from '../crud.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

/** A user type's schema id mirrors its type id (`oty…` → `osc…`), as in Okta's `_links.schema`. */
export const schemaIdOf = (typeId: string) => `osc${typeId.slice(3)}`;

const userTypes: TCrud = {
  table: 'userTypes',
  path: '/api/v1/meta/types/user',
  idParam: 'typeId',
  prefix: 'oty',
  scope: 'userTypes',
  update: ['POST', 'PUT'],
  log: {
    type: 'UserType',
    events: { create: 'system.user_type.create', update: 'system.user_type.update', delete: 'system.user_type.delete' },
  },
  validate: (body) => {
    for (const f of ['name', 'displayName']) if (!body[f]) throw validation(f, `${f}: The field cannot be left blank`);
  },
  defaults: (body, ctx) => ({
    description: null,
    ...body,
    default: false,
    createdBy: ctx.principal.id,
    lastUpdatedBy: ctx.principal.id,
  }),
  afterCreate: (type, ctx) => {
    const base = ctx.org.data.singletons.get(`userSchema:${ctx.org.refs.userType}`)!;
    ctx.org.data.singletons.set(`userSchema:${type.id}`, {
      ...structuredClone(base),
      id: `${ctx.base}/meta/schemas/user/${schemaIdOf(type.id)}`,
      name: type.name,
      title: type.displayName,
    });
  },
  replace: (existing, body, ctx) => ({
    ...existing,
    ...body,
    name: existing.name,
    default: existing.default,
    lastUpdatedBy: ctx.principal.id,
  }),
  beforeDelete: (type, ctx) => {
    if (type.default) throw validation('default', 'default: The default user type cannot be deleted');
    for (const u of ctx.org.data.users.values())
      if (u.typeId === type.id) throw validation('typeId', 'typeId: The user type is assigned to users');
  },
  links: (type, ctx, self) => ({
    self: link(self),
    schema: link(`${ctx.base}/api/v1/meta/schemas/user/${schemaIdOf(type.id)}`),
  }),
};

/** `default` or `osc…`: the singleton key of that user type's schema. */
function userSchemaKey(ctx: Ctx): string {
  const id = ctx.params.schemaId!;
  if (id === 'default') return `userSchema:${ctx.org.refs.userType}`;
  const type = [...ctx.org.data.table('userTypes').values()].find((t) => schemaIdOf(t.id) === id);
  if (!type) throw notFound(`${id} (UserSchema)`);
  return `userSchema:${type.id}`;
}

function appSchemaKey(ctx: Ctx): string {
  const app = ctx.org.app(ctx.params.appId!);
  if (!app) throw notFound(`${ctx.params.appId} (AppInstance)`);
  const key = `appSchema:${app.id}`;
  if (!ctx.org.data.singletons.has(key)) ctx.org.data.singletons.set(key, appUserSchema(ctx.base, app));
  return key;
}

/** The default app user schema Okta gives an app without provisioning: userName only. */
export function appUserSchema(base: string, app: Json): Json {
  return {
    id: `${base}/meta/schemas/apps/${app.id}/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: app.name,
    title: `${app.label} User`,
    lastUpdated: app.created,
    created: app.created,
    definitions: {
      base: {
        id: '#base',
        type: 'object',
        properties: {
          userName: {
            title: 'Username',
            type: 'string',
            required: true,
            scope: 'NONE',
            maxLength: 100,
            master: { type: 'PROFILE_MASTER' },
          },
        },
        required: ['userName'],
      },
      custom: { id: '#custom', type: 'object', properties: {}, required: [] },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/base' }, { $ref: '#/definitions/custom' }] } },
  };
}

/**
 * Schema updates are partial (`POST`): only `definitions.custom` may change, and a property set to
 * null is removed, as Okta documents.
 */
function updateSchema(keyOf: (ctx: Ctx) => string, eventType: string) {
  return (ctx: Ctx): Reply => {
    const key = keyOf(ctx);
    const schema = ctx.org.data.singletons.get(key)!;
    const custom = ctx.body.definitions?.custom;
    if (!custom) throw validation('definitions.custom', 'definitions.custom: Only custom properties can be changed');
    const properties = merge(schema.definitions.custom.properties, custom.properties ?? {});
    for (const [name, value] of Object.entries(properties)) if (value === null) delete properties[name];
    schema.definitions.custom = {
      ...schema.definitions.custom,
      properties,
      required: custom.required ?? schema.definitions.custom.required,
    };
    schema.lastUpdated = iso(ctx.now);
    audit(ctx, eventType, {
      id: schema.id,
      type: 'Schema',
      alternateId: schema.name ?? key,
      displayName: schema.title ?? key,
    });
    return ok(schema);
  };
}

const mappingLinks = (ctx: Ctx, m: Json) => ({ self: link(`${ctx.base}/api/v1/mappings/${m.id}`) });

function findMapping(ctx: Ctx): Json {
  const m = ctx.org.data.table('mappings').get(ctx.params.mappingId!);
  if (!m) throw notFound(`${ctx.params.mappingId} (ProfileMapping)`);
  return m;
}

export const directoryMetaRoutes: Route[] = [
  ...crudRoutes(userTypes),
  route('GET', '/api/v1/meta/schemas/user/{schemaId}', 'schemas', (ctx) =>
    ok(ctx.org.data.singletons.get(userSchemaKey(ctx))),
  ),
  route(
    'POST',
    '/api/v1/meta/schemas/user/{schemaId}',
    'schemas',
    updateSchema(userSchemaKey, 'system.user.schema.update'),
  ),
  route('GET', '/api/v1/meta/schemas/group/default', 'schemas', (ctx) =>
    ok(ctx.org.data.singletons.get('groupSchema')),
  ),
  route(
    'POST',
    '/api/v1/meta/schemas/group/default',
    'schemas',
    updateSchema(() => 'groupSchema', 'system.group.schema.update'),
  ),
  route('GET', '/api/v1/meta/schemas/apps/{appId}/default', 'schemas', (ctx) =>
    ok(ctx.org.data.singletons.get(appSchemaKey(ctx))),
  ),
  route(
    'POST',
    '/api/v1/meta/schemas/apps/{appId}/default',
    'schemas',
    updateSchema(appSchemaKey, 'app.schema.update'),
  ),
  route('GET', '/api/v1/mappings', 'profileMappings', (ctx) => {
    const source = ctx.query.get('sourceId');
    const target = ctx.query.get('targetId');
    const keep = (m: Json) => (!source || m.source.id === source) && (!target || m.target.id === target);
    // The list omits `properties`; `GET /mappings/{id}` has them.
    return pageOf(
      ctx,
      ctx.org.data.table('mappings'),
      { default: 20, max: 200 },
      ({ properties: _p, ...m }) => ({ ...m, _links: mappingLinks(ctx, m) }),
      keep,
    );
  }),
  route('GET', '/api/v1/mappings/{mappingId}', 'profileMappings', (ctx) => {
    const m = findMapping(ctx);
    return ok({ ...m, _links: mappingLinks(ctx, m) });
  }),
  route('POST', '/api/v1/mappings/{mappingId}', 'profileMappings', (ctx) => {
    const m = findMapping(ctx);
    const properties = merge(m.properties, ctx.body.properties ?? {});
    for (const [name, value] of Object.entries(properties)) if (value === null) delete properties[name];
    m.properties = properties;
    audit(ctx, 'system.mapping.update', {
      id: m.id,
      type: 'Mapping',
      alternateId: m.id,
      displayName: `${m.source.name} → ${m.target.name}`,
    });
    return ok({ ...m, _links: mappingLinks(ctx, m) });
  }),
];
