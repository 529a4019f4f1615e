import { useTestDatabase } from '@butterfly/db/testing';
import { PERMISSIONS, type Permission, ROLES, type Role, addConnection, addDomain, roleHas, setSsoSettings, verifyDomain } from '@butterfly/domain';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Walks every procedure of the router under each of the five roles and under a super_admin of
 * another tenant, and compares the outcome with the permission matrix. A procedure without a declared
 * permission, or without a case here, fails the test.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);

const tenantA = await seedTenant(deps, 'perm-a');
const tenantB = await seedTenant(deps, 'perm-b');
await seedMember(deps, tenantA.id, 'super_admin', 'keeper@a.test');
const members = Object.fromEntries(
  await Promise.all(ROLES.map(async (r) => [r, await seedMember(deps, tenantA.id, r, `${r}@a.test`)] as const)),
) as Record<Role, Awaited<ReturnType<typeof seedMember>>>;
const target = await seedMember(deps, tenantA.id, 'read_only', 'target@a.test');
const outsider = await seedMember(deps, tenantB.id, 'super_admin', 'boss@b.test');
await setSsoSettings(deps, tenantA.id, { issuer: 'https://idp-a.example.com', clientId: 'client-a', clientSecret: 'secret-a' });
await addDomain(deps, tenantA.id, { domain: 'a.test' });
await verifyDomain(deps, tenantA.id, { domain: 'a.test', method: 'operator' });
await addDomain(deps, tenantA.id, { domain: 'unused.a.test' });
// A fake DNS that publishes every domain's record, and a probe that answers without the network.
const txtRecords = new Map<string, string>();
const services = {
  resolveTxt: async (name: string) => (txtRecords.has(name) ? [[txtRecords.get(name)!]] : []),
  probeIssuer: async () => ({ ok: true, checks: [{ name: 'discovery', ok: true, detail: 'fake' }] }),
  // An IdP client that answers "test connection" without the network.
  idpClientFor: () => ({ testAccess: async () => ({ ok: true, connected: true, missing: [] }) }) as never,
};
let connectionCounter = 0;
const newConnection = (name = `okta-${connectionCounter++}`) =>
  addConnection(deps, tenantA.id, { name, orgUrl: 'https://a.okta.com', credentials: { kind: 'ssws', token: 'ssws-token-of-tenant-a' } });
const connectionA = await newConnection('okta-a');
const fresh = await addDomain(deps, tenantA.id, { domain: 'fresh.a.test' });
txtRecords.set(fresh.domain, fresh.txtRecord);
let domainCounter = 0;

type Case = {
  /** The permission the product contract gives this procedure; a weakened declaration fails here. */
  permission: Permission;
  call: (c: ReturnType<typeof createCaller>) => Promise<unknown>;
  /** What a super_admin of tenant B gets when aiming at tenant A's data. */
  crossTenant: 'not_found' | ((result: unknown) => void);
};

const cases: Record<string, Case> = {
  'me.get': { permission: 'dashboard.view', call: (c) => c.me.get(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id) },
  'members.list': { permission: 'member.read', call: (c) => c.members.list(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('@a.test') },
  'members.setRole': { permission: 'member.manage', call: (c) => c.members.setRole({ memberId: target.id, role: 'auditor' }), crossTenant: 'not_found' },
  'members.deactivate': { permission: 'member.manage', call: (c) => c.members.deactivate({ memberId: target.id }), crossTenant: 'not_found' },
  'audit.list': { permission: 'audit.read', call: (c) => c.audit.list(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id) },
  'audit.verify': { permission: 'audit.read', call: (c) => c.audit.verify(), crossTenant: (r) => expect(r).toMatchObject({ ok: true }) },
  'sso.get': { permission: 'sso.manage', call: (c) => c.sso.get(), crossTenant: (r) => expect(JSON.stringify(r)).not.toMatch(/a\.test|idp-a/) },
  'sso.set': {
    permission: 'sso.manage',
    call: (c) => c.sso.set({ issuer: 'https://idp.example.com', clientId: 'client', clientSecret: 'secret' }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'sso.addDomain': {
    permission: 'sso.manage',
    call: (c) => c.sso.addDomain({ domain: `d${domainCounter++}.added.test` }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'sso.removeDomain': { permission: 'sso.manage', call: (c) => c.sso.removeDomain({ domain: 'unused.a.test' }), crossTenant: 'not_found' },
  'sso.verifyDomain': { permission: 'sso.manage', call: (c) => c.sso.verifyDomain({ domain: 'fresh.a.test' }), crossTenant: 'not_found' },
  'sso.testConnection': { permission: 'sso.manage', call: (c) => c.sso.testConnection(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('idp-a') },
  'sessions.list': { permission: 'token.own', call: (c) => c.sessions.list(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id) },
  'sessions.endOthers': { permission: 'token.own', call: (c) => c.sessions.endOthers(), crossTenant: (r) => expect(r).toEqual({ ended: 0 }) },
  'recovery.recent': { permission: 'tenant.manage', call: (c) => c.recovery.recent(), crossTenant: (r) => expect(r).toEqual([]) },
  'connections.list': { permission: 'dashboard.view', call: (c) => c.connections.list(), crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(connectionA.id) },
  'connections.get': { permission: 'dashboard.view', call: (c) => c.connections.get({ connectionId: connectionA.id }), crossTenant: 'not_found' },
  'connections.add': {
    permission: 'connection.manage',
    call: (c) => c.connections.add({ name: `added-${connectionCounter++}`, orgUrl: 'https://b.okta.com', credentials: { kind: 'ssws', token: 'ssws-token-added' } }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('a.okta.com'),
  },
  'connections.test': { permission: 'connection.manage', call: (c) => c.connections.test({ connectionId: connectionA.id }), crossTenant: 'not_found' },
  'connections.remove': {
    permission: 'connection.manage',
    call: async (c) => c.connections.remove({ connectionId: (await newConnection()).id }),
    crossTenant: 'not_found',
  },
};

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: Permission } } }>);

const callerFor = (tenantId: string, m: { id: string; email: string }, role: Role) =>
  createCaller(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId: 'perm-test',
      principal: { tenantId, memberId: m.id, email: m.email, role, via: 'test' },
      services,
    }),
  );

async function outcome(p: Promise<unknown>): Promise<{ code: string | 'OK'; value?: unknown }> {
  try {
    return { code: 'OK', value: await p };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code };
    throw e;
  }
}

describe('permission matrix × procedures', () => {
  it('has a declared permission and a case for every procedure', () => {
    expect(procedures.length).toBeGreaterThan(0);
    for (const [path, proc] of procedures) {
      expect(proc._def.meta?.permission, `${path} declares no permission`).toBeDefined();
      expect(Object.keys(PERMISSIONS)).toContain(proc._def.meta!.permission);
      expect(cases[path], `${path} has no case in the permission test`).toBeDefined();
      expect(proc._def.meta!.permission, `${path} declares a different permission than the contract`).toBe(cases[path]!.permission);
    }
  });

  for (const [path, proc] of procedures) {
    for (const role of ROLES) {
      it(`${path} as ${role}`, async () => {
        const permission = proc._def.meta!.permission!;
        const result = await outcome(cases[path]!.call(callerFor(tenantA.id, members[role], role)));
        if (roleHas(role, permission)) expect(result.code, `${role} should be allowed ${path}`).toBe('OK');
        else expect(result.code, `${role} should be denied ${path}`).toBe('FORBIDDEN');
      });
    }

    it(`${path} from another tenant`, async () => {
      const c = cases[path]!;
      const result = await outcome(c.call(callerFor(tenantB.id, outsider, 'super_admin')));
      if (c.crossTenant === 'not_found') expect(result.code).toBe('NOT_FOUND');
      else {
        expect(result.code).toBe('OK');
        c.crossTenant(result.value);
      }
    });
  }

  it('refuses anonymous callers', async () => {
    const anon = createCaller(createContext({ db, log: deps.log, keyring: deps.keyring, requestId: 'anon', principal: null }));
    await expect(anon.me.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('audit-logs every denial', async () => {
    const denied = await db.selectFrom('audit_events').select(['data']).where('tenant_id', '=', tenantA.id).where('outcome', '=', 'denied').execute();
    const expected = procedures.reduce((n, [, p]) => n + ROLES.filter((r) => !roleHas(r, p._def.meta!.permission!)).length, 0);
    expect(denied.length).toBe(expected);
  });
});
