import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../tenants/create-tenant.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addDomain } from './add-domain.ts';
import { isTenantEmail } from './find-tenant-for-email.ts';
import { verifyDomain } from './verify-domain.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

/** A tenant with a super_admin acting through the dashboard (the squatter's seat). */
async function seat(slug: string) {
  const t = await seedTenant(deps, slug);
  const m = await seedMember(deps, t.id, 'super_admin');
  return { t, as: { ...deps, actor: memberActor(t.id, m) } };
}

const leaks = (e: unknown, ...names: string[]) =>
  names.some((n) => JSON.stringify({ m: (e as Error).message, ...(e as object) }).includes(n));

describe('domain claims (squatting)', () => {
  it("an unverified claim by one tenant neither blocks another tenant's claim nor tells it the domain is taken", async () => {
    const squatter = await seat('squatter-co');
    const owner = await seat('owner-co');
    await addDomain(squatter.as, squatter.t.id, { domain: 'owner-co.test' });
    const claim = await addDomain(owner.as, owner.t.id, { domain: 'Owner-Co.test' });
    expect(claim.domain).toBe('owner-co.test');
    // The rightful owner verifies (DNS proves control; operator here) and signs in through it.
    await verifyDomain(deps, owner.t.id, { domain: 'owner-co.test', method: 'operator' });
    const rows = await db
      .selectFrom('tenant_domains')
      .select(['tenant_id', 'verified_at'])
      .where('domain', '=', 'owner-co.test')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.tenant_id === owner.t.id)?.verified_at).toBeInstanceOf(Date);
  });

  it('a tenant created by an operator may claim a domain another tenant claimed but never verified', async () => {
    await createTenant(deps, { slug: 'first-claim', name: 'First', domains: ['shared-claim.test'] });
    const second = await createTenant(deps, { slug: 'second-claim', name: 'Second', domains: ['shared-claim.test'] });
    expect(second.domains).toEqual(['shared-claim.test']);
  });

  it('verifying a domain another tenant has verified fails with DOMAIN_TAKEN, naming no tenant, and changes nothing', async () => {
    const owner = await seat('rightful-holder');
    const late = await seat('late-claimer');
    await addDomain(owner.as, owner.t.id, { domain: 'verified-owner.test' });
    await verifyDomain(deps, owner.t.id, { domain: 'verified-owner.test', method: 'operator' });
    await addDomain(late.as, late.t.id, { domain: 'verified-owner.test' });
    const err = await verifyDomain(deps, late.t.id, { domain: 'verified-owner.test', method: 'operator' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'DOMAIN_TAKEN' });
    expect(leaks(err, 'rightful-holder', owner.t.id)).toBe(false);
    const lateRow = await db
      .selectFrom('tenant_domains')
      .select('verified_at')
      .where('tenant_id', '=', late.t.id)
      .executeTakeFirstOrThrow();
    expect(lateRow.verified_at).toBeNull();
    expect(await isTenantEmail(deps, owner.t.id, 'ann@verified-owner.test')).toBe(true);
    expect(await isTenantEmail(deps, late.t.id, 'ann@verified-owner.test')).toBe(false);
  });

  it('the same tenant adding a domain twice gets CONFLICT (about its own domain only)', async () => {
    const a = await seat('twice-co');
    await addDomain(a.as, a.t.id, { domain: 'twice.test' });
    await expect(addDomain(a.as, a.t.id, { domain: 'twice.test' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
