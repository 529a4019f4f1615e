import type { Db, JobQueue } from '@butterfly/domain/core';
import type { Role } from '@butterfly/domain/permissions';
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

/**
 * A tRPC caller acting as a new member of `role`, as the dashboard calls the API: in a new tenant, or
 * in `tenantId`; with `jobs`, procedures that queue work record it there.
 */
export async function memberCaller(
  db: Db,
  role: Role,
  requestId: string,
  o: { tenantId?: string; jobs?: JobQueue } = {},
) {
  const deps = testDeps(db);
  const tenantId = o.tenantId ?? (await seedTenant(deps)).id;
  const m = await seedMember(deps, tenantId, role);
  return createCaller(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId,
      principal: { tenantId, memberId: m.id, email: m.email, role, via: 'test' },
      services,
      ...(o.jobs ? { jobs: o.jobs } : {}),
    }),
  );
}
