import { SCOPE } from '../auth/scopes.ts';
import { shortId } from '../model/ids.ts';
import type { TCustomer, TObj } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { badRequest, duplicate, notFound, ownCustomer, required, type TDirCtx } from './context.ts';
import { listOf, present } from './present.ts';

export const OU_READ = [SCOPE.orgunit, SCOPE.orgunitRead];
export const OU_WRITE = [SCOPE.orgunit];

const actor = (ctx: TDirCtx) => ({ email: ctx.caller.user.primaryEmail, profileId: ctx.caller.user.id });
const show = (o: TObj) => present('admin#directory#orgUnit', o);

/** The root org unit's id (`id:…`), fixed per customer. */
export const rootOuId = (c: TCustomer) => `id:${shortId(13, c.id, 'root')}`;

/** An org unit by path (with or without the leading slash) or `id:…`; "/" is the root. */
export function findOu(c: TCustomer, key: string): TObj | undefined {
  if (key.startsWith('id:')) {
    if (key === rootOuId(c)) return rootOu(c);
    return c.orgUnits.get(key);
  }
  const path = key.startsWith('/') ? key : `/${key}`;
  if (path === '/') return rootOu(c);
  return [...c.orgUnits.values()].find((o) => String(o.orgUnitPath).toLowerCase() === path.toLowerCase());
}

function rootOu(c: TCustomer): TObj {
  return { name: c.customerDomain, description: '', orgUnitPath: '/', orgUnitId: rootOuId(c) };
}

function ouOf(ctx: TDirCtx): TObj {
  ownCustomer(ctx, ctx.params[0]);
  const o = findOu(ctx.caller.customer, decodeURIComponent(ctx.params[1]!));
  if (!o) throw notFound('orgunit');
  return o;
}

/** `orgunits.list`: `type` all (default children), under `orgUnitPath` (default the root). */
export function listOrgUnits(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const type = ctx.url.searchParams.get('type') ?? 'children';
  const under = findOu(c, ctx.url.searchParams.get('orgUnitPath') ?? '/');
  if (!under) throw badRequest('Invalid Input: orgUnitPath');
  if (!['all', 'children', 'allIncludingParent'].includes(type)) throw badRequest(`Invalid value for type: ${type}`);
  const base = String(under.orgUnitPath);
  const prefix = base === '/' ? '/' : `${base}/`;
  const all = [...c.orgUnits.values()].filter((o) => String(o.orgUnitPath).startsWith(prefix));
  const picked = type === 'children' ? all.filter((o) => o.parentOrgUnitId === under.orgUnitId) : all;
  // allIncludingParent: the org unit asked for too, the root when none is (as Google).
  const items = (type === 'allIncludingParent' ? [under, ...picked] : picked).sort((a, b) =>
    String(a.orgUnitPath).localeCompare(String(b.orgUnitPath)),
  );
  return listOf('admin#directory#orgUnits', 'organizationUnits', items.map(show));
}

export const getOrgUnit = (ctx: TDirCtx) => show(ouOf(ctx));

/** `orgunits.insert`: `name` under `parentOrgUnitPath` or `parentOrgUnitId`. */
export function insertOrgUnit(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const name = required(ctx.body, 'name');
  if (name.includes('/')) throw badRequest('Invalid Input: name');
  const parentKey = (ctx.body.parentOrgUnitId ?? ctx.body.parentOrgUnitPath) as string | undefined;
  const parent = parentKey ? findOu(c, parentKey) : undefined;
  if (!parent) throw badRequest('Invalid Parent Orgunit Id');
  const path = `${parent.orgUnitPath === '/' ? '' : parent.orgUnitPath}/${name}`;
  if (findOu(c, path)) throw duplicate('Invalid Ou Id: org unit already exists');
  const o: TObj = {
    name,
    description: typeof ctx.body.description === 'string' ? ctx.body.description : '',
    orgUnitPath: path,
    orgUnitId: `id:${shortId(13)}`,
    parentOrgUnitPath: parent.orgUnitPath,
    parentOrgUnitId: parent.orgUnitId,
  };
  c.orgUnits.set(o.orgUnitId as string, o);
  recordActivity(ctx.deps, c, actor(ctx), 'ORG_SETTINGS', 'CREATE_ORG_UNIT', { ORG_UNIT_NAME: path });
  return show(o);
}

/** `orgunits.update`/`patch`: description, name or parent; paths below it and its users follow. */
export function updateOrgUnit(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const o = ouOf(ctx);
  if (o.orgUnitPath === '/') throw badRequest('Cannot modify the root org unit');
  if (typeof ctx.body.description === 'string') o.description = ctx.body.description;
  const parentKey = (ctx.body.parentOrgUnitId ?? ctx.body.parentOrgUnitPath) as string | undefined;
  const parent = parentKey ? findOu(c, parentKey) : findOu(c, String(o.parentOrgUnitId));
  if (!parent) throw badRequest('Invalid Parent Orgunit Id');
  const name = typeof ctx.body.name === 'string' && ctx.body.name.trim() ? ctx.body.name.trim() : String(o.name);
  const oldPath = String(o.orgUnitPath);
  const newPath = `${parent.orgUnitPath === '/' ? '' : parent.orgUnitPath}/${name}`;
  if (newPath !== oldPath) {
    if (findOu(c, newPath)) throw duplicate('Invalid Ou Id: org unit already exists');
    if (newPath.startsWith(`${oldPath}/`)) throw badRequest('Invalid Parent Orgunit Id');
    const move = (p: string) =>
      p === oldPath ? newPath : p.startsWith(`${oldPath}/`) ? newPath + p.slice(oldPath.length) : p;
    for (const x of c.orgUnits.values()) {
      x.orgUnitPath = move(String(x.orgUnitPath));
      x.parentOrgUnitPath = move(String(x.parentOrgUnitPath));
    }
    for (const u of c.users.values()) u.orgUnitPath = move(u.orgUnitPath);
    o.name = name;
    o.parentOrgUnitId = parent.orgUnitId;
    recordActivity(ctx.deps, c, actor(ctx), 'ORG_SETTINGS', 'EDIT_ORG_UNIT_NAME', {
      ORG_UNIT_NAME: oldPath,
      NEW_VALUE: newPath,
    });
  }
  return show(o);
}

/** `orgunits.delete`: only an empty org unit (no users, no children). */
export function deleteOrgUnit(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const o = ouOf(ctx);
  const path = String(o.orgUnitPath);
  if (path === '/') throw badRequest('Cannot delete the root org unit');
  const busy =
    [...c.users.values()].some((u) => u.orgUnitPath === path) ||
    [...c.orgUnits.values()].some((x) => x.parentOrgUnitId === o.orgUnitId);
  if (busy) throw badRequest('Org unit has users or child org units');
  c.orgUnits.delete(o.orgUnitId as string);
  // What applied to it goes with it: its settings and the admin roles scoped to it.
  const bare = String(o.orgUnitId).replace(/^id:/, '');
  for (const [name, p] of c.policies)
    if ((p.policyQuery as TObj | undefined)?.orgUnit === `orgUnits/${bare}`) c.policies.delete(name);
  for (const [aid, a] of c.roleAssignments) if (a.orgUnitId === bare) c.roleAssignments.delete(aid);
  recordActivity(ctx.deps, c, actor(ctx), 'ORG_SETTINGS', 'REMOVE_ORG_UNIT', { ORG_UNIT_NAME: path });
  return undefined;
}
