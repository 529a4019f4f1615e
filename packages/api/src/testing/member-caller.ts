import type { Db } from '@butterfly/domain/core';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { createContext } from '../context.ts';
import { appRouter } from '../root.ts';
import { createCallerFactory } from '../trpc.ts';

const createCaller = createCallerFactory(appRouter);
/** Services whose outbound parts a settings test never reaches. */
const services = {
  resolveTxt: async () => [],
  probeIssuer: async () => ({ ok: true, checks: [] }),
  idpClientFor: () => ({}) as never,
};

/** A tRPC caller acting as a new member of `role` in a new tenant, as the dashboard calls the API. */
export async function memberCaller(db: Db, role: 'super_admin' | 'admin', requestId: string) {
  const deps = testDeps(db);
  const t = await seedTenant(deps);
  const m = await seedMember(deps, t.id, role);
  return createCaller(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId,
      principal: { tenantId: t.id, memberId: m.id, email: m.email, role, via: 'test' },
      services,
    }),
  );
}
