import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import type { SeqTable } from '../../store/seq-table.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { encodeCursor, parseAfter } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

/**
 * Custom admin roles (`/api/v1/iam/roles`) with their permissions. IAM lists are wrapped objects
 * (`{roles: [...], _links: {next}}`), not arrays with a Link header, as in the OpenAPI file.
 */
export const I = '/api/v1/iam';

export function wrapped(
  ctx: Ctx,
  key: string,
  table: SeqTable<string, Json>,
  render: (o: Json) => Json,
  path: string,
): Reply {
  const page = table.page(parseAfter(ctx), 100);
  const links: Json = {};
  if (page.more) links.next = link(`${ctx.base}${path}?after=${encodeCursor(page.last)}`);
  return ok({ [key]: page.rows.map(render), _links: links });
}

/** Roles and resource sets are addressed by id or by label. */
export function byIdOrLabel(table: SeqTable<string, Json>, key: string, what: string): Json {
  const found = table.get(key) ?? [...table.values()].find((o) => o.label === key);
  if (!found) throw notFound(`${key} (${what})`);
  return found;
}

export const target = (o: Json, type: string) => ({ id: o.id, type, alternateId: o.label, displayName: o.label });
const roles = (ctx: Ctx) => ctx.org.data.table('iamRoles');
const role = (ctx: Ctx) => byIdOrLabel(roles(ctx), ctx.params.roleIdOrLabel!, 'IamRole');
const roleJson = (ctx: Ctx, r: Json) => ({
  ...r,
  _links: {
    self: link(`${ctx.base}${I}/roles/${r.id}`),
    permissions: link(`${ctx.base}${I}/roles/${r.id}/permissions`),
  },
});
const permissions = (ctx: Ctx, roleId: string) => ctx.org.data.table(`permissions:${roleId}`);
const permissionJson = (ctx: Ctx, roleId: string, p: Json) => ({
  ...p,
  _links: {
    self: link(`${ctx.base}${I}/roles/${roleId}/permissions/${p.label}`),
    role: link(`${ctx.base}${I}/roles/${roleId}`),
  },
});

function setPermission(ctx: Ctx, roleId: string, label: string, conditions?: Json) {
  const now = iso(ctx.now);
  permissions(ctx, roleId).set(label, { label, created: now, lastUpdated: now, ...(conditions ? { conditions } : {}) });
}

function createRole(ctx: Ctx): Reply {
  const { label, description, permissions: perms } = ctx.body;
  if (!label || !description) throw validation('label', 'label: label and description are required');
  if (!Array.isArray(perms) || !perms.length)
    throw validation('permissions', 'permissions: At least one permission is required');
  if ([...roles(ctx).values()].some((r) => r.label === label))
    throw validation('label', 'label: An object with this field already exists in the current organization');
  const now = iso(ctx.now);
  const r = { id: oktaId(ctx.org.ids, 'cr0'), label, description, created: now, lastUpdated: now };
  roles(ctx).set(r.id, r);
  for (const p of perms) setPermission(ctx, r.id, String(p));
  audit(ctx, 'iam.role.create', target(r, 'CustomRole'));
  return ok(roleJson(ctx, r));
}

export const iamRoutes: Route[] = [
  route('GET', `${I}/roles`, 'roles', (ctx) =>
    wrapped(ctx, 'roles', roles(ctx), (r) => roleJson(ctx, r), `${I}/roles`),
  ),
  route('POST', `${I}/roles`, 'roles', createRole),
  route('GET', `${I}/roles/{roleIdOrLabel}`, 'roles', (ctx) => ok(roleJson(ctx, role(ctx)))),
  route('PUT', `${I}/roles/{roleIdOrLabel}`, 'roles', (ctx) => {
    const r = role(ctx);
    if (!ctx.body.label || !ctx.body.description)
      throw validation('label', 'label: label and description are required');
    Object.assign(r, { label: ctx.body.label, description: ctx.body.description, lastUpdated: iso(ctx.now) });
    audit(ctx, 'iam.role.update', target(r, 'CustomRole'));
    return ok(roleJson(ctx, r));
  }),
  route('DELETE', `${I}/roles/{roleIdOrLabel}`, 'roles', (ctx) => {
    const r = role(ctx);
    roles(ctx).delete(r.id);
    ctx.org.data.dropTable(`permissions:${r.id}`);
    audit(ctx, 'iam.role.delete', target(r, 'CustomRole'));
    return noContent();
  }),
  route('GET', `${I}/roles/{roleIdOrLabel}/permissions`, 'roles', (ctx) => {
    const r = role(ctx);
    return ok({ permissions: [...permissions(ctx, r.id).values()].map((p) => permissionJson(ctx, r.id, p)) });
  }),
  route('GET', `${I}/roles/{roleIdOrLabel}/permissions/{permissionType}`, 'roles', (ctx) => {
    const r = role(ctx);
    const p = permissions(ctx, r.id).get(ctx.params.permissionType!);
    if (!p) throw notFound(`${ctx.params.permissionType} (Permission)`);
    return ok(permissionJson(ctx, r.id, p));
  }),
  route('POST', `${I}/roles/{roleIdOrLabel}/permissions/{permissionType}`, 'roles', (ctx) => {
    const r = role(ctx);
    setPermission(ctx, r.id, ctx.params.permissionType!, ctx.body.conditions);
    audit(ctx, 'iam.role.permission.add', target(r, 'CustomRole'));
    return noContent();
  }),
  route('DELETE', `${I}/roles/{roleIdOrLabel}/permissions/{permissionType}`, 'roles', (ctx) => {
    const r = role(ctx);
    if (!permissions(ctx, r.id).delete(ctx.params.permissionType!))
      throw notFound(`${ctx.params.permissionType} (Permission)`);
    audit(ctx, 'iam.role.permission.delete', target(r, 'CustomRole'));
    return noContent();
  }),
];
