import type { Json } from '../../model/types.ts';
import { lifecycleLinks, link } from '../../okta/links.ts';
import { reprioritize } from '../../okta/policies.ts';
import type { Ctx } from '../context.ts';
import { crudRoutes, crudTable, type TCrud } from '../crud.ts';
import { validation } from '../../okta/errors.ts';
import type { Route } from '../router.ts';

const needs =
  (...fields: string[]) =>
  (body: Json) => {
    for (const f of fields)
      if (body[f] === undefined || body[f] === '') throw validation(f, `${f}: The field cannot be left blank`);
  };

const AS = '/api/v1/authorizationServers';

/** Custom authorization servers; `issuer` follows from the id, as Okta computes it. */
const authServers: TCrud = {
  table: 'authServers',
  path: AS,
  idParam: 'authServerId',
  prefix: 'aus',
  scope: 'authorizationServers',
  page: { default: 200, max: 200 },
  lifecycle: true,
  log: {
    type: 'AuthorizationServer',
    events: {
      create: 'oauth2.as.created',
      update: 'oauth2.as.updated',
      delete: 'oauth2.as.deleted',
      activate: 'oauth2.as.activated',
      deactivate: 'oauth2.as.deactivated',
    },
  },
  validate: needs('name', 'audiences'),
  defaults: (body, ctx) => ({
    status: 'ACTIVE',
    description: null,
    issuerMode: 'ORG_URL',
    ...body,
    credentials: { signing: { rotationMode: 'AUTO', kid: `sim-${ctx.requestId}` } },
  }),
  afterCreate: (s, ctx) => {
    s.issuer = `${ctx.base}/oauth2/${s.id}`;
  },
  replace: (existing, body) => ({ ...body, issuer: existing.issuer, credentials: existing.credentials }),
  match: (s, ctx) => !ctx.query.get('q') || String(s.name).toLowerCase().startsWith(ctx.query.get('q')!.toLowerCase()),
  links: (s, ctx, self) => ({
    ...lifecycleLinks(self, s.status),
    scopes: link(`${self}/scopes`, 'GET'),
    claims: link(`${self}/claims`, 'GET'),
    policies: link(`${self}/policies`, 'GET'),
    metadata: [
      {
        name: 'oauth-authorization-server',
        href: `${ctx.base}/oauth2/${s.id}/.well-known/oauth-authorization-server`,
        hints: { allow: ['GET'] },
      },
      {
        name: 'openid-configuration',
        href: `${ctx.base}/oauth2/${s.id}/.well-known/openid-configuration`,
        hints: { allow: ['GET'] },
      },
    ],
    rotateKey: link(`${self}/credentials/lifecycle/keyRotate`, 'POST'),
  }),
};

const scopes: TCrud = {
  table: 'asScopes',
  path: `${AS}/{authServerId}/scopes`,
  idParam: 'scopeId',
  parent: { param: 'authServerId', table: 'authServers' },
  prefix: 'scp',
  untimed: true,
  scope: 'authorizationServers',
  createdStatus: 201,
  log: {
    type: 'OAuth2Scope',
    events: { create: 'oauth2.scope.created', update: 'oauth2.scope.updated', delete: 'oauth2.scope.deleted' },
  },
  validate: needs('name'),
  defaults: (body) => ({
    system: false,
    default: false,
    displayName: body.name,
    description: null,
    consent: 'IMPLICIT',
    optional: false,
    metadataPublish: 'NO_CLIENTS',
    ...body,
  }),
  links: (_s, _ctx, self) => ({ self: link(self, 'GET', 'PUT', 'DELETE') }),
};

const claims: TCrud = {
  table: 'asClaims',
  path: `${AS}/{authServerId}/claims`,
  idParam: 'claimId',
  parent: { param: 'authServerId', table: 'authServers' },
  prefix: 'ocl',
  untimed: true,
  scope: 'authorizationServers',
  createdStatus: 201,
  log: {
    type: 'OAuth2Claim',
    events: { create: 'oauth2.claim.created', update: 'oauth2.claim.updated', delete: 'oauth2.claim.deleted' },
  },
  validate: needs('name', 'claimType', 'valueType', 'value'),
  defaults: (body) => ({
    status: 'ACTIVE',
    system: false,
    alwaysIncludeInToken: true,
    conditions: { scopes: [] },
    ...body,
  }),
  links: (_c, _ctx, self) => ({ self: link(self, 'GET', 'PUT', 'DELETE') }),
};

const byPriority = (ctx: Ctx, def: TCrud) => reprioritize([...crudTable(ctx, def).values()]);

const asPolicies: TCrud = {
  table: 'asPolicies',
  path: `${AS}/{authServerId}/policies`,
  idParam: 'policyId',
  parent: { param: 'authServerId', table: 'authServers' },
  prefix: '00p',
  scope: 'authorizationServers',
  createdStatus: 201,
  lifecycle: true,
  lifecycleReply: 'empty',
  log: {
    type: 'PolicyEntity',
    events: {
      create: 'oauth2.as.policy.created',
      update: 'oauth2.as.policy.updated',
      delete: 'oauth2.as.policy.deleted',
      activate: 'oauth2.as.policy.activated',
      deactivate: 'oauth2.as.policy.deactivated',
    },
  },
  validate: needs('name', 'conditions'),
  defaults: (body) => ({
    type: 'OAUTH_AUTHORIZATION_POLICY',
    status: 'ACTIVE',
    description: null,
    priority: 1,
    system: false,
    ...body,
  }),
  links: (p, _ctx, self) => ({ ...lifecycleLinks(self, p.status), rules: link(`${self}/rules`, 'GET') }),
};

const asRules: TCrud = {
  table: 'asRules',
  path: `${AS}/{authServerId}/policies/{policyId}/rules`,
  idParam: 'ruleId',
  parent: { param: 'policyId', table: (ctx) => `asPolicies:${ctx.params.authServerId}` },
  prefix: '0pr',
  scope: 'authorizationServers',
  createdStatus: 201,
  lifecycle: true,
  log: {
    type: 'PolicyRule',
    events: {
      create: 'oauth2.as.policy.rule.created',
      update: 'oauth2.as.policy.rule.updated',
      delete: 'oauth2.as.policy.rule.deleted',
      activate: 'oauth2.as.policy.rule.activated',
      deactivate: 'oauth2.as.policy.rule.deactivated',
    },
  },
  validate: needs('name', 'conditions', 'actions'),
  defaults: (body) => ({ type: 'RESOURCE_ACCESS', status: 'ACTIVE', priority: 1, system: false, ...body }),
  links: (r, _ctx, self) => lifecycleLinks(self, r.status),
};

/** Priorities of AS policies and rules stay dense like those of org policies. */
const reorder = (def: TCrud): Route[] =>
  crudRoutes(def).map((r) =>
    r.method === 'GET'
      ? r
      : {
          ...r,
          handler: async (ctx: Ctx) => {
            const reply = await r.handler(ctx);
            byPriority(ctx, def);
            return reply;
          },
        },
  );

export const authServerRoutes: Route[] = [
  ...crudRoutes(authServers),
  ...crudRoutes(scopes),
  ...crudRoutes(claims),
  ...reorder(asPolicies),
  ...reorder(asRules),
];
