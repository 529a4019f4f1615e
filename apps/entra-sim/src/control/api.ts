import type { z } from 'zod';
import { newGuid, seededGuid } from '../model/ids.ts';
import { SimError } from '../model/errors.ts';
import { registerApp } from '../seed/register-app.ts';
import { seedTenant } from '../seed/tenant.ts';
import type { Tenant } from '../store/tenant.ts';
import type { TSimDeps } from '../sts/deps.ts';
import * as provisioning from '../provisioning/provision.ts';
import {
  ZAssignInput,
  ZProvisioningInput,
  ZProvisionUser,
  ZRolesInput,
  ZUpdateInput,
} from '../provisioning/schemas.ts';
import { frontChannelLogout } from '../sts/logout.ts';
import { ZCreateTenant, ZFault, ZFrontChannelLogout, ZRegisterApp, ZRoll, ZSettings, ZUpdateApp } from './schemas.ts';

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new SimError(
      400,
      'invalid_input',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

/** A tenant without secrets: what `GET /_sim/tenants/<id>` shows. */
export function tenantView(t: Tenant) {
  return {
    id: t.id,
    domain: t.domain,
    displayName: t.displayName,
    users: t.userCount,
    settings: t.settings,
    faults: t.faults,
    apps: [...t.apps.values()].map((a) => ({
      clientId: a.clientId,
      displayName: a.displayName,
      roles: a.roles,
      redirectUris: a.redirectUris,
      logoutUrl: a.logoutUrl ?? null,
      secrets: a.secretHashes.length,
      certificates: a.certificates.map((c) => c.thumbprint),
    })),
    sessions: [...t.sessions.values()].map((s) => ({ sid: s.sid, userId: s.userId, clientIds: [...s.clientIds] })),
  };
}

/** `/_sim/…` as functions (the routes are a thin JSON layer over these; tests may call them directly). */
export function createControlApi(deps: TSimDeps) {
  const tenant = (id: string) => {
    const t = deps.registry.find(id);
    if (!t) throw new SimError(404, 'not_found', `no tenant ${id}`);
    return t;
  };
  return {
    listTenants: () =>
      deps.registry.list().map((t) => ({ id: t.id, domain: t.domain, displayName: t.displayName, users: t.userCount })),
    getTenant: (id: string) => tenantView(tenant(id)),
    createTenant(body: unknown) {
      const input = parse(ZCreateTenant, body);
      const id = input.id ?? newGuid();
      const name = input.name ?? `tenant-${id.slice(0, 8)}`;
      if (deps.registry.find(id) || deps.registry.find(`${name}.onmicrosoft.com`))
        throw new SimError(409, 'conflict', `tenant ${input.id ?? name} exists`);
      const t = seedTenant(deps.registry, {
        id,
        domain: `${name}.onmicrosoft.com`,
        customDomain: `${name}.test`,
        displayName: input.displayName ?? name,
        users: input.users,
        p2: input.p2,
      });
      return tenantView(t);
    },
    async registerApp(id: string, body: unknown) {
      const t = tenant(id);
      const input = parse(ZRegisterApp, body);
      if (input.clientId && t.apps.has(input.clientId))
        throw new SimError(409, 'conflict', `client ${input.clientId} exists in ${t.id}`);
      try {
        return await registerApp(
          t,
          { ...input, appObjectId: input.clientId ? seededGuid(t.id, 'regapp', input.clientId) : undefined },
          new Date(deps.clock()),
        );
      } catch (error) {
        throw new SimError(400, 'invalid_certificate', `certificate: ${(error as Error).message}`);
      }
    },
    updateApp(id: string, clientId: string, body: unknown) {
      const t = tenant(id);
      const app = t.apps.get(clientId);
      if (!app) throw new SimError(404, 'not_found', `no client ${clientId} in ${t.id}`);
      const input = parse(ZUpdateApp, body);
      if (input.roles) app.roles = input.roles;
      if (input.redirectUris) app.redirectUris = input.redirectUris;
      if (input.logoutUrl !== undefined) app.logoutUrl = input.logoutUrl ?? undefined;
      return tenantView(t).apps.find((a) => a.clientId === clientId);
    },
    updateSettings(id: string, body: unknown) {
      const t = tenant(id);
      const input = parse(ZSettings, body);
      if (input.pageSize !== undefined) t.settings.pageSize = input.pageSize;
      if (input.ruPer10s !== undefined) t.settings.ruPer10s = input.ruPer10s ?? undefined;
      if (input.writesPer150s !== undefined) t.settings.writesPer150s = input.writesPer150s ?? undefined;
      if (input.legacyCaThrottle !== undefined) t.settings.legacyCaThrottle = input.legacyCaThrottle;
      return t.settings;
    },
    addFault(id: string, body: unknown) {
      const t = tenant(id);
      const { count, ...f } = parse(ZFault, body);
      t.faults.push({ ...f, remaining: count });
      return t.faults;
    },
    clearFaults(id: string) {
      tenant(id).faults = [];
    },
    async frontChannelLogout(id: string, body: unknown) {
      const t = tenant(id);
      const { clientId, sid } = parse(ZFrontChannelLogout, body);
      if (!t.apps.get(clientId)?.logoutUrl)
        throw new SimError(400, 'no_logout_url', `client ${clientId} has no LogoutUrl`);
      t.sessions.delete(sid);
      return frontChannelLogout(deps, t, clientId, sid);
    },
    /** An enterprise app's automatic provisioning (the Entra SCIM client): configure, test, push. */
    addProvisioning: (id: string, body: unknown) =>
      provisioning.addProvisioningApp(tenant(id), parse(ZProvisioningInput, body)),
    getProvisioning: (id: string, appId: string) =>
      provisioning.provisioningView(provisioning.provisioningApp(tenant(id), appId)),
    testProvisioning: (id: string, appId: string) =>
      provisioning.testConnection(provisioning.provisioningApp(tenant(id), appId)),
    async provision(id: string, appId: string, action: string, body: unknown) {
      const t = tenant(id);
      const app = provisioning.provisioningApp(t, appId);
      switch (action) {
        case 'assign': {
          const { userId, roles } = parse(ZAssignInput, body);
          return provisioning.assign(t, app, userId, roles);
        }
        case 'update': {
          const { userId, ...changes } = parse(ZUpdateInput, body);
          return provisioning.update(t, app, userId, changes);
        }
        case 'roles': {
          const { userId, add, remove } = parse(ZRolesInput, body);
          return provisioning.changeRoles(t, app, userId, add, remove);
        }
        case 'unassign':
          return provisioning.unassign(t, app, parse(ZProvisionUser, body).userId);
        case 'delete':
          return provisioning.hardDelete(t, app, parse(ZProvisionUser, body).userId);
        default:
          throw new SimError(404, 'not_found', `no provisioning action ${action}`);
      }
    },
    keys: () => ({ signingKid: deps.keys.signingKid, kids: deps.keys.jwks().keys.map((k) => k.kid) }),
    rollKeys: (body: unknown) => deps.keys.roll(parse(ZRoll, body).emergency),
  };
}

export type ControlApi = ReturnType<typeof createControlApi>;
