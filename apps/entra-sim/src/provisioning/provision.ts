import { newGuid } from '../model/ids.ts';
import { SimError } from '../model/errors.ts';
import type { Tenant } from '../store/tenant.ts';
import type { TSentRequest } from '@butterfly/sim-kit';
import { scimClient, type TDirectoryUser } from './scim-client.ts';

/** An enterprise app with automatic provisioning on: where it pushes and who it has pushed. */
export interface TProvisioningApp {
  id: string;
  name: string;
  tenantUrl: string;
  secretToken: string;
  /** Directory user id → the SCIM server's id (Entra's "matched" or "created" target id). */
  linked: Map<string, string>;
  /** Users soft-deleted in the target (active false), which a hard delete may follow. */
  softDeleted: Set<string>;
}

export interface TProvisionResult {
  ok: boolean;
  scimId: string | null;
  calls: TSentRequest[];
}

// Per tenant, without widening Tenant: the apps live and die with the tenant object (not persisted).
const byTenant = new WeakMap<Tenant, Map<string, TProvisioningApp>>();
const appsOf = (t: Tenant) => {
  const apps = byTenant.get(t) ?? new Map<string, TProvisioningApp>();
  byTenant.set(t, apps);
  return apps;
};

export function addProvisioningApp(t: Tenant, input: { tenantUrl: string; secretToken: string; name?: string }) {
  const app: TProvisioningApp = {
    id: newGuid(),
    name: input.name ?? 'Butterfly (SCIM)',
    tenantUrl: input.tenantUrl,
    secretToken: input.secretToken,
    linked: new Map(),
    softDeleted: new Set(),
  };
  appsOf(t).set(app.id, app);
  return provisioningView(app);
}

export const provisioningView = (a: TProvisioningApp) => ({
  id: a.id,
  name: a.name,
  tenantUrl: a.tenantUrl,
  dialect: scimClient(a).flag ? 'aadOptscim062020' : 'default',
  linked: Object.fromEntries(a.linked),
  softDeleted: [...a.softDeleted],
});

export function provisioningApp(t: Tenant, id: string): TProvisioningApp {
  const app = appsOf(t).get(id);
  if (!app) throw new SimError(404, 'not_found', `no provisioning app ${id} in ${t.id}`);
  return app;
}

/** A directory user by object id or userPrincipalName (case-insensitive, as Graph matches it). */
function directoryUser(t: Tenant, idOrUpn: string): TDirectoryUser {
  const users = t.collection('users');
  const byUpn = () =>
    [...users.values()].find((u) => String(u.userPrincipalName).toLowerCase() === idOrUpn.toLowerCase());
  const u = users.get(idOrUpn) ?? byUpn();
  if (!u) throw new SimError(404, 'not_found', `no user ${idOrUpn} in ${t.id}`);
  return u as unknown as TDirectoryUser;
}

function linkedId(app: TProvisioningApp, userId: string) {
  const id = app.linked.get(userId);
  if (!id) throw new SimError(400, 'not_provisioned', `user ${userId} is not provisioned by ${app.id}`);
  return id;
}

const done = (app: TProvisioningApp, userId: string, calls: TSentRequest[]): TProvisionResult => ({
  ok: calls.length > 0 && calls.every((c) => c.status >= 200 && c.status < 300),
  scimId: app.linked.get(userId) ?? null,
  calls,
});

/** Test Connection in the admin center. */
export async function testConnection(app: TProvisioningApp) {
  const client = scimClient(app);
  const ok = await client.probe();
  return { ok, calls: client.calls };
}

/** The user is assigned (or comes back in scope): query by userName, POST when absent, reactivate a soft-deleted one. */
export async function assign(t: Tenant, app: TProvisioningApp, who: string, roles: string[]) {
  const user = directoryUser(t, who);
  const userId = user.id;
  const client = scimClient(app);
  const id = await client.provision(user, roles);
  if (id) {
    app.linked.set(userId, id);
    if (app.softDeleted.delete(userId)) await client.setActive(id, true);
  }
  const result = done(app, userId, client.calls);
  return { ...result, ok: !!id && result.ok };
}

/** Profile attributes changed in the directory: the sim changes the user, then sends what changed. */
export async function update(
  t: Tenant,
  app: TProvisioningApp,
  who: string,
  changes: { givenName?: string; surname?: string; department?: string },
) {
  const user = directoryUser(t, who);
  const userId = user.id;
  const id = linkedId(app, userId);
  Object.assign(user, changes);
  const attrs: Record<string, unknown> = {};
  if (changes.givenName !== undefined) attrs['name.givenName'] = changes.givenName;
  if (changes.surname !== undefined) attrs['name.familyName'] = changes.surname;
  if (changes.department !== undefined)
    attrs['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'] = changes.department;
  const client = scimClient(app);
  await client.update(id, attrs);
  return done(app, userId, client.calls);
}

/** App role assignments added and removed, one PATCH each. */
export async function changeRoles(t: Tenant, app: TProvisioningApp, who: string, add: string[], remove: string[]) {
  const userId = directoryUser(t, who).id;
  const id = linkedId(app, userId);
  const client = scimClient(app);
  if (add.length) await client.roles(id, 'Add', add);
  if (remove.length) await client.roles(id, 'Remove', remove);
  return done(app, userId, client.calls);
}

/** Unassigned, out of scope or sign-in blocked: a soft delete (`active` false). */
export async function unassign(t: Tenant, app: TProvisioningApp, who: string) {
  const userId = directoryUser(t, who).id;
  const id = linkedId(app, userId);
  const client = scimClient(app);
  const r = await client.setActive(id, false);
  if (r.status < 300) app.softDeleted.add(userId);
  return done(app, userId, client.calls);
}

/** The hard delete that follows a soft delete (30 days later, or the user deleted for good); 404 counts as done. */
export async function hardDelete(t: Tenant, app: TProvisioningApp, who: string) {
  const userId = directoryUser(t, who).id;
  const id = linkedId(app, userId);
  if (!app.softDeleted.has(userId))
    throw new SimError(400, 'not_soft_deleted', `Entra deletes ${userId} only after a soft delete`);
  const client = scimClient(app);
  const r = await client.remove(id);
  const ok = r.status === 204 || r.status === 404;
  if (ok) {
    app.linked.delete(userId);
    app.softDeleted.delete(userId);
  }
  return { ok, scimId: null, calls: client.calls };
}
