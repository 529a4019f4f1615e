import type { Json } from '../../model/types.ts';
import { lifecycleLinks, link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, ok } from '../context.ts';
import { crudItem, crudRoutes, renderWith, type TCrud } from '../crud.ts';
import { validation } from '../../okta/errors.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

const needs =
  (...fields: string[]) =>
  (body: Json) => {
    for (const f of fields) if (body[f] === undefined) throw validation(f, `${f}: The field cannot be left blank`);
  };

/**
 * A hook's auth header value is write-only: Okta never returns `channel.config.authScheme.value`,
 * so the stored copy keeps it (a restore must ask for it again) and responses leave it out.
 */
function withoutSecret(hook: Json): Json {
  const scheme = hook.channel?.config?.authScheme;
  if (!scheme || scheme.value === undefined) return hook;
  const { value: _hidden, ...rest } = scheme;
  return { ...hook, channel: { ...hook.channel, config: { ...hook.channel.config, authScheme: rest } } };
}

const eventHooks: TCrud = {
  table: 'eventHooks',
  path: '/api/v1/eventHooks',
  idParam: 'eventHookId',
  prefix: 'who',
  scope: 'eventHooks',
  lifecycle: true,
  log: {
    type: 'EventHook',
    events: {
      create: 'event_hook.created',
      update: 'event_hook.updated',
      delete: 'event_hook.deleted',
      activate: 'event_hook.activated',
      deactivate: 'event_hook.deactivated',
    },
  },
  validate: needs('name', 'events', 'channel'),
  defaults: (body, ctx) => ({
    status: 'ACTIVE',
    verificationStatus: 'UNVERIFIED',
    description: null,
    ...body,
    createdBy: ctx.principal.id,
  }),
  replace: (existing, body) => ({
    ...body,
    verificationStatus: existing.verificationStatus,
    createdBy: existing.createdBy,
  }),
  links: (h, _ctx, self) => ({ ...lifecycleLinks(self, h.status), verify: link(`${self}/lifecycle/verify`, 'POST') }),
};

const inlineHooks: TCrud = {
  table: 'inlineHooks',
  path: '/api/v1/inlineHooks',
  idParam: 'inlineHookId',
  prefix: 'cal',
  scope: 'inlineHooks',
  lifecycle: true,
  log: {
    type: 'InlineHook',
    events: {
      create: 'inline_hook.created',
      update: 'inline_hook.updated',
      delete: 'inline_hook.deleted',
      activate: 'inline_hook.activated',
      deactivate: 'inline_hook.deactivated',
    },
  },
  validate: needs('name', 'type', 'channel'),
  defaults: (body) => ({ status: 'ACTIVE', version: '1.0.0', ...body }),
  match: (hook, ctx) => !ctx.query.get('type') || hook.type === ctx.query.get('type'),
  links: (h, _ctx, self) => ({ ...lifecycleLinks(self, h.status), execute: link(`${self}/execute`, 'POST') }),
};

/** Log streams (AWS EventBridge, Splunk Cloud): where the System Log is off-loaded. Paged 20/200. */
const logStreams: TCrud = {
  table: 'logStreams',
  path: '/api/v1/logStreams',
  idParam: 'logStreamId',
  prefix: '0oa',
  scope: 'logStreams',
  page: { default: 20, max: 200 },
  lifecycle: true,
  log: {
    type: 'LogStream',
    events: {
      create: 'system.log_stream.lifecycle.create',
      update: 'system.log_stream.lifecycle.update',
      delete: 'system.log_stream.lifecycle.delete',
      activate: 'system.log_stream.lifecycle.activate',
      deactivate: 'system.log_stream.lifecycle.deactivate',
    },
  },
  validate: (body) => {
    needs('name', 'type', 'settings')(body);
    if (!['aws_eventbridge', 'splunk_cloud_logstreaming'].includes(body.type))
      throw validation('type', 'type: Must be aws_eventbridge or splunk_cloud_logstreaming');
  },
  defaults: (body) => ({ status: 'ACTIVE', ...body }),
  beforeDelete: (s) => {
    if (s.status === 'ACTIVE') throw validation('status', 'status: Deactivate the log stream before deleting it');
  },
  links: (s, _ctx, self) => lifecycleLinks(self, s.status),
};

/** Hides write-only hook secrets in every answer of a hook route. */
const hideSecrets = (routes: Route[]): Route[] =>
  routes.map((r) => ({
    ...r,
    handler: async (ctx: Ctx) => {
      const reply = await r.handler(ctx);
      if (Array.isArray(reply.body)) reply.body = reply.body.map(withoutSecret);
      else if (reply.body && typeof reply.body === 'object') reply.body = withoutSecret(reply.body as Json);
      return reply;
    },
  }));

/**
 * Okta calls the hook's URL to verify it: a GET with `X-Okta-Verification-Challenge` and the hook's
 * headers, which must answer `{"verification": <the challenge>}`. Only then is it VERIFIED (and
 * only a verified, active hook gets deliveries: push/event-hooks.ts).
 */
const verify = route('POST', '/api/v1/eventHooks/{eventHookId}/lifecycle/verify', 'eventHooks', async (ctx) => {
  const hook = crudItem(ctx, eventHooks);
  const { verified, sent } = await ctx.org.eventHooks.verify(hook);
  if (!verified)
    throw validation(
      'verificationStatus',
      `verificationStatus: The event hook endpoint did not echo the verification challenge (status ${sent.status})`,
    );
  Object.assign(hook, { verificationStatus: 'VERIFIED', lastUpdated: iso(ctx.now) });
  audit(ctx, 'event_hook.verified', { id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name });
  return ok(withoutSecret(renderWith(ctx, eventHooks)(hook)));
});

export const hookRoutes: Route[] = [
  ...hideSecrets([...crudRoutes(eventHooks), ...crudRoutes(inlineHooks)]),
  verify,
  ...crudRoutes(logStreams),
];
