import type { Json } from '../../model/types.ts';
import { lifecycleLinks, link } from '../../okta/links.ts';
import type { Ctx } from '../context.ts';
import { crudRoutes, type TCrud } from '../crud.ts';
import { validation } from '../../okta/errors.ts';
import { compileFilter } from '../filter.ts';
import type { Route } from '../router.ts';

const required =
  (...fields: string[]) =>
  (body: Json) => {
    for (const f of fields)
      if (body[f] === undefined || body[f] === '') throw validation(f, `${f}: The field cannot be left blank`);
  };

const oneOf = (field: string, values: string[]) => (body: Json) => {
  if (!values.includes(body[field])) throw validation(field, `${field}: Must be one of ${values.join(', ')}`);
};

const filtered = (obj: Json, ctx: Ctx) => {
  const expression = ctx.query.get('filter');
  const q = ctx.query.get('q')?.toLowerCase();
  return (
    (!expression || compileFilter(expression)(obj)) &&
    (!q ||
      String(obj.name ?? '')
        .toLowerCase()
        .startsWith(q))
  );
};

const inactiveToDelete = (what: string) => (obj: Json) => {
  if (obj.status === 'ACTIVE') throw validation('status', `status: Deactivate the ${what} before deleting it`);
};

/** Network zones: IP, DYNAMIC and DYNAMIC_V2 (enhanced, with IP service categories such as anonymizers). */
const zones: TCrud = {
  table: 'zones',
  path: '/api/v1/zones',
  idParam: 'zoneId',
  prefix: 'nzo',
  scope: 'networkZones',
  page: { default: 20, max: 200 },
  lifecycle: true,
  log: {
    type: 'NetworkZone',
    events: {
      create: 'zone.create',
      update: 'zone.update',
      delete: 'zone.delete',
      activate: 'zone.activate',
      deactivate: 'zone.deactivate',
    },
  },
  validate: (body) => {
    required('name')(body);
    oneOf('type', ['IP', 'DYNAMIC', 'DYNAMIC_V2'])(body);
  },
  defaults: (body) => ({ status: 'ACTIVE', usage: 'POLICY', system: false, ...body }),
  match: filtered,
  beforeDelete: inactiveToDelete('network zone'),
  links: (z, _ctx, self) => lifecycleLinks(self, z.status),
};

const trustedOrigins: TCrud = {
  table: 'trustedOrigins',
  path: '/api/v1/trustedOrigins',
  idParam: 'trustedOriginId',
  prefix: 'tos',
  scope: 'trustedOrigins',
  page: { default: 20, max: 200 },
  lifecycle: true,
  log: {
    type: 'TrustedOrigin',
    events: {
      create: 'trusted_origin.create',
      update: 'trusted_origin.update',
      delete: 'trusted_origin.delete',
      activate: 'trusted_origin.activate',
      deactivate: 'trusted_origin.deactivate',
    },
  },
  validate: required('name', 'origin', 'scopes'),
  defaults: (body, ctx) => ({
    status: 'ACTIVE',
    ...body,
    createdBy: ctx.principal.id,
    lastUpdatedBy: ctx.principal.id,
  }),
  match: filtered,
  links: (o, _ctx, self) => lifecycleLinks(self, o.status),
};

const behaviors: TCrud = {
  table: 'behaviors',
  path: '/api/v1/behaviors',
  idParam: 'behaviorId',
  prefix: 'abt',
  scope: 'behaviors',
  lifecycle: true,
  log: {
    type: 'Behavior',
    events: {
      create: 'security.behavior.create',
      update: 'security.behavior.update',
      delete: 'security.behavior.delete',
      activate: 'security.behavior.activate',
      deactivate: 'security.behavior.deactivate',
    },
  },
  validate: (body) => {
    required('name')(body);
    oneOf('type', ['ANOMALOUS_LOCATION', 'ANOMALOUS_DEVICE', 'ANOMALOUS_IP', 'VELOCITY', 'ANOMALOUS_ASN'])(body);
  },
  defaults: (body) => ({ status: 'ACTIVE', settings: {}, ...body }),
  links: (b, _ctx, self) => lifecycleLinks(self, b.status, ['GET', 'PUT', 'DELETE']),
};

/** Identity providers (SAML2, OIDC, social, X509 smart card …), paged 20/200. */
const idps: TCrud = {
  table: 'idps',
  path: '/api/v1/idps',
  idParam: 'idpId',
  prefix: '0oa',
  scope: 'idps',
  page: { default: 20, max: 200 },
  lifecycle: true,
  log: {
    type: 'IdentityProvider',
    events: {
      create: 'system.idp.lifecycle.create',
      update: 'system.idp.lifecycle.update',
      delete: 'system.idp.lifecycle.delete',
      activate: 'system.idp.lifecycle.activate',
      deactivate: 'system.idp.lifecycle.deactivate',
    },
  },
  validate: required('type', 'name', 'protocol'),
  defaults: (body) => ({ status: 'ACTIVE', issuerMode: 'DYNAMIC', properties: null, ...body }),
  match: (idp, ctx) => {
    const type = ctx.query.get('type');
    return (!type || idp.type === type) && filtered(idp, ctx);
  },
  links: (idp, ctx, self) => {
    const links: Record<string, unknown> = { ...lifecycleLinks(self, idp.status), users: link(`${self}/users`, 'GET') };
    const kid = idp.protocol?.credentials?.trust?.kid;
    if (kid) links.keys = link(`${ctx.base}/api/v1/idps/credentials/keys/${kid}`, 'GET');
    return links;
  },
};

/** Authenticators: created rarely (Okta seeds them), updated by PUT, (de)activated. */
const authenticators: TCrud = {
  table: 'authenticators',
  path: '/api/v1/authenticators',
  idParam: 'authenticatorId',
  prefix: 'aut',
  scope: 'authenticators',
  lifecycle: true,
  log: {
    type: 'Authenticator',
    events: {
      create: 'security.authenticator.create',
      update: 'security.authenticator.update',
      delete: 'security.authenticator.delete',
      activate: 'security.authenticator.activate',
      deactivate: 'security.authenticator.deactivate',
    },
  },
  validate: required('key', 'name'),
  defaults: (body) => ({ status: 'ACTIVE', ...body }),
  replace: (existing, body) => ({ ...body, key: existing.key, type: existing.type }),
  links: (a, _ctx, self) => ({
    ...lifecycleLinks(self, a.status, ['GET', 'PUT']),
    methods: link(`${self}/methods`, 'GET'),
  }),
};

export const securityRoutes: Route[] = [zones, trustedOrigins, behaviors, idps, authenticators]
  .flatMap(crudRoutes)
  .filter(
    // Okta has no DELETE for authenticators.
    (r) => !(r.method === 'DELETE' && r.path.startsWith('/api/v1/authenticators')),
  );
