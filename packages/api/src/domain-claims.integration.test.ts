import { useTestDatabase } from '@butterfly/db/testing';
import { addDomain, verifyDomain } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Domain squatting through the API, as a tenant's super_admin would try it: claiming another
 * organisation's domain first, and learning from the answers who holds which domain.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);
// DNS as the world sees it: every claim's record is published (the squatter controls nothing, but
// the test makes DNS say yes to show that even then a verified domain stays with its owner).
const txt = new Map<string, string[][]>();
const services = {
  resolveTxt: async (name: string) => txt.get(name) ?? [],
  probeIssuer: async () => ({ ok: true, checks: [] }),
  idpClientFor: () => ({}) as never,
};

async function superAdminOf(slug: string) {
  const t = await seedTenant(deps, slug);
  const m = await seedMember(deps, t.id, 'super_admin', `boss@${slug}.test`);
  const caller = createCaller(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId: 'claims',
      principal: { tenantId: t.id, memberId: m.id, email: m.email, role: 'super_admin', via: 'test' },
      services,
    }),
  );
  return { t, caller };
}

describe('sso domains through the API', () => {
  it("a squatter's early claim does not block the owner, and the owner's verification does not leak", async () => {
    const squatter = await superAdminOf('squat-api');
    const owner = await superAdminOf('owner-api');
    const early = await squatter.caller.sso.addDomain({ domain: 'owner-api.test' });
    const claim = await owner.caller.sso.addDomain({ domain: 'owner-api.test' });
    txt.set('owner-api.test', [[claim.txtRecord], [early.txtRecord]]);
    expect(await owner.caller.sso.verifyDomain({ domain: 'owner-api.test' })).toMatchObject({
      domain: 'owner-api.test',
    });

    const err = await squatter.caller.sso.verifyDomain({ domain: 'owner-api.test' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', cause: { code: 'DOMAIN_TAKEN' } });
    expect((err as Error).message).not.toContain(owner.t.id);
    expect((err as Error).message).not.toMatch(/owner-api(?!\.test)/);
    const settings = await squatter.caller.sso.get();
    expect(settings.domains).toEqual([expect.objectContaining({ domain: 'owner-api.test', verifiedAt: null })]);
  });

  it('the operator path refuses the same way', async () => {
    const a = await seedTenant(deps, 'op-a', ['op-claim.test']);
    const b = await seedTenant(deps, 'op-b', ['op-claim.test']);
    await verifyDomain(deps, a.id, { domain: 'op-claim.test', method: 'operator' });
    await expect(verifyDomain(deps, b.id, { domain: 'op-claim.test', method: 'operator' })).rejects.toMatchObject({
      code: 'DOMAIN_TAKEN',
    });
    await expect(addDomain(deps, b.id, { domain: 'op-claim.test' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
