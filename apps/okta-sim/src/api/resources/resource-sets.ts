import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { byIdOrLabel, I, target, wrapped } from './iam.ts';

/** Resource sets (`/api/v1/iam/resource-sets`): what a custom admin role may act on. */
const sets = (ctx: Ctx) => ctx.org.data.table('resourceSets');
const set = (ctx: Ctx) => byIdOrLabel(sets(ctx), ctx.params.resourceSetIdOrLabel!, 'ResourceSet');
const setJson = (ctx: Ctx, s: Json) => {
  const self = `${ctx.base}${I}/resource-sets/${s.id}`;
  return {
    ...s,
    _links: { self: link(self), resources: link(`${self}/resources`), bindings: link(`${self}/bindings`) },
  };
};
const resources = (ctx: Ctx, setId: string) => ctx.org.data.table(`rsResources:${setId}`);

/** A resource is an ORN or a Management API URL; both are kept as given, under an `ire…` id. */
export function addResource(ctx: Pick<Ctx, 'org'>, setId: string, ref: string, at: string) {
  const id = oktaId(ctx.org.ids, 'ire');
  const entry = ref.startsWith('orn:')
    ? { id, orn: ref, created: at, lastUpdated: at }
    : { id, created: at, lastUpdated: at, _links: { self: { href: ref } } };
  ctx.org.data.table(`rsResources:${setId}`).set(id, entry);
}

function createSet(ctx: Ctx): Reply {
  const { label, description, resources: refs } = ctx.body;
  if (!label || !description) throw validation('label', 'label: label and description are required');
  const now = iso(ctx.now);
  const s = { id: oktaId(ctx.org.ids, 'iam'), label, description, created: now, lastUpdated: now };
  sets(ctx).set(s.id, s);
  for (const ref of refs ?? []) addResource(ctx, s.id, String(ref), now);
  audit(ctx, 'iam.resourceset.create', target(s, 'ResourceSet'));
  return ok(setJson(ctx, s));
}

export const resourceSetRoutes: Route[] = [
  route('GET', `${I}/resource-sets`, 'roles', (ctx) =>
    wrapped(ctx, 'resource-sets', sets(ctx), (s) => setJson(ctx, s), `${I}/resource-sets`),
  ),
  route('POST', `${I}/resource-sets`, 'roles', createSet),
  route('GET', `${I}/resource-sets/{resourceSetIdOrLabel}`, 'roles', (ctx) => ok(setJson(ctx, set(ctx)))),
  route('PUT', `${I}/resource-sets/{resourceSetIdOrLabel}`, 'roles', (ctx) => {
    const s = set(ctx);
    Object.assign(s, {
      label: ctx.body.label ?? s.label,
      description: ctx.body.description ?? s.description,
      lastUpdated: iso(ctx.now),
    });
    audit(ctx, 'iam.resourceset.update', target(s, 'ResourceSet'));
    return ok(setJson(ctx, s));
  }),
  route('DELETE', `${I}/resource-sets/{resourceSetIdOrLabel}`, 'roles', (ctx) => {
    const s = set(ctx);
    sets(ctx).delete(s.id);
    ctx.org.data.dropTable(`rsResources:${s.id}`);
    audit(ctx, 'iam.resourceset.delete', target(s, 'ResourceSet'));
    return noContent();
  }),
  route('GET', `${I}/resource-sets/{resourceSetIdOrLabel}/resources`, 'roles', (ctx) => {
    const s = set(ctx);
    return wrapped(ctx, 'resources', resources(ctx, s.id), (r) => r, `${I}/resource-sets/${s.id}/resources`);
  }),
  route('PATCH', `${I}/resource-sets/{resourceSetIdOrLabel}/resources`, 'roles', (ctx) => {
    const s = set(ctx);
    for (const ref of ctx.body.additions ?? []) addResource(ctx, s.id, String(ref), iso(ctx.now));
    audit(ctx, 'iam.resourceset.resources.add', target(s, 'ResourceSet'));
    return ok(setJson(ctx, s));
  }),
  route('DELETE', `${I}/resource-sets/{resourceSetIdOrLabel}/resources/{resourceId}`, 'roles', (ctx) => {
    const s = set(ctx);
    if (!resources(ctx, s.id).delete(ctx.params.resourceId!)) throw notFound(`${ctx.params.resourceId} (Resource)`);
    audit(ctx, 'iam.resourceset.resources.delete', target(s, 'ResourceSet'));
    return noContent();
  }),
];
