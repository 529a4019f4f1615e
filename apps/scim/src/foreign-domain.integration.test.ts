import { verifyDomain } from '@butterfly/domain/sso';
import { seedTenant } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { oktaUser, useScimServer } from './testing/harness.ts';

const scim = await useScimServer();

/** Another organisation that has verified its domain (the victim). */
async function victim(domain: string) {
  const v = await seedTenant(scim.deps, `victim-${domain.split('.')[0]}`, [domain]);
  await verifyDomain(scim.deps, v.id, { domain, method: 'operator' });
  return v;
}

const refusedWithoutNaming = (
  res: { status: number; body: Record<string, unknown> },
  victimSlug: string,
  victimId: string,
) => {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(victimSlug);
  expect(text).not.toContain(victimId);
};

describe("members on another tenant's verified domain", () => {
  it('POST /Users with an email on a domain another tenant verified is refused 400 invalidValue, naming no tenant, creating nothing', async () => {
    const v = await victim('bigbank.test');
    const a = await scim.tenant();
    for (const body of [
      oktaUser('ceo@bigbank.test'),
      oktaUser(`x${Date.now()}@${a.slug}.test`, {
        emails: [{ value: 'CEO@BigBank.test', primary: true, type: 'work' }],
      }),
    ]) {
      refusedWithoutNaming(await a.as('POST', '/Users', body), v.slug, v.id);
    }
    const rows = await scim.db.selectFrom('members').select('email').where('tenant_id', '=', a.id).execute();
    expect(rows.map((r) => r.email.toLowerCase())).not.toContain('ceo@bigbank.test');
  });

  it('PUT and PATCH moving an existing member onto such a domain are refused the same way', async () => {
    const v = await victim('megacorp.test');
    const a = await scim.tenant();
    const made = await a.as('POST', '/Users', oktaUser(`pat@${a.slug}.test`));
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    refusedWithoutNaming(await a.as('PUT', `/Users/${id}`, oktaUser('pat@megacorp.test')), v.slug, v.id);
    const patch = (op: Record<string, unknown>) =>
      a.as('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [op] });
    refusedWithoutNaming(await patch({ op: 'replace', path: 'userName', value: 'pat@megacorp.test' }), v.slug, v.id);
    refusedWithoutNaming(
      await patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'pat@megacorp.test' }),
      v.slug,
      v.id,
    );
    const row = await scim.db
      .selectFrom('members')
      .select(['email', 'user_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: `pat@${a.slug}.test`, user_name: `pat@${a.slug}.test` });
  });

  it('a domain another tenant only claimed (unverified) or this tenant verified is fine', async () => {
    const a = await scim.tenant();
    await seedTenant(scim.deps, 'claimer-only', ['claimed-only.test']);
    expect((await a.as('POST', '/Users', oktaUser('ann@claimed-only.test'))).status).toBe(201);
  });
});
