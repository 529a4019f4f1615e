import { useTestDatabase } from '@butterfly/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../crypto/secrets.ts';
import { testDeps } from '../testing/fixtures.ts';
import { createTenant } from './create-tenant.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('tenants', () => {
  it('creates a tenant with unverified, normalised domains', async () => {
    const t = await createTenant(deps, { slug: 'globex', name: 'Globex', domains: ['Globex.TEST', 'bücher.example'] });
    expect(t.domains).toEqual(['globex.test', 'xn--bcher-kva.example']);
    const rows = await db
      .selectFrom('tenant_domains')
      .select(['domain', 'verified_at'])
      .where('tenant_id', '=', t.id)
      .execute();
    expect(rows.every((r) => r.verified_at === null)).toBe(true);
  });

  it('refuses a duplicate slug and bad input, changing nothing', async () => {
    await createTenant(deps, { slug: 'initech', name: 'Initech', domains: ['initech.test'] });
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from tenants`.execute(db)).rows[0]!.n;
    const before = await count();
    await expect(createTenant(deps, { slug: 'initech', name: 'Again' })).rejects.toMatchObject({
      code: 'TENANT_EXISTS',
    });
    await expect(createTenant(deps, { slug: 'Bad Slug', name: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { slug: expect.any(String) },
    });
    await expect(createTenant(deps, { slug: 'ok', name: 'x', domains: ['not a domain'] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(createTenant(deps, { slug: 'long', name: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'must be at most 100 characters' },
    });
    expect(await count()).toBe(before);
  });

  it('only operators create tenants', async () => {
    const member = {
      kind: 'member',
      tenantId: 'x',
      memberId: 'y',
      role: 'super_admin',
      label: 'z',
      via: 'test',
    } as const;
    await expect(createTenant({ ...deps, actor: member }, { slug: 'nope', name: 'Nope' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('seals secrets per tenant: nothing readable in raw columns, nothing portable across tenants', async () => {
    const a = await createTenant(deps, { slug: 'sealed-a', name: 'A' });
    const b = await createTenant(deps, { slug: 'sealed-b', name: 'B' });
    const blob = await sealSecret(deps, a.id, 'sso.client_secret', 'very-secret-value');
    expect(blob.toString('latin1')).not.toContain('very-secret-value');
    expect(await openSecret(deps, a.id, 'sso.client_secret', blob)).toBe('very-secret-value');
    await expect(openSecret(deps, b.id, 'sso.client_secret', blob)).rejects.toThrow();
    // The wrapped data key in the database is not the data key itself.
    const { key } = await deps.keyring.dataKey(db, a.id);
    const raw = await db
      .selectFrom('tenant_keys')
      .select('wrapped_key')
      .where('tenant_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(raw.wrapped_key.includes(key)).toBe(false);
  });
});
