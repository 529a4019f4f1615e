import { useTestDatabase } from '@butterfly/db/testing';
import { PERMISSIONS, type Permission, ROLES, type Role, roleHas } from '@butterfly/domain';
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
};

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: Permission } } }>);

const callerFor = (tenantId: string, m: { id: string; email: string }, role: Role) =>
  createCaller(
    createContext({ db, log: deps.log, keyring: deps.keyring, requestId: 'perm-test', principal: { tenantId, memberId: m.id, email: m.email, role, via: 'test' } }),
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
