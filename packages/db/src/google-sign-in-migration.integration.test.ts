import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from './migrate.ts';
import { useTestDatabase } from './testing/index.ts';

/**
 * Migration 20261210100000 (decision 063) on data: a tenant that had Google as a plain OIDC issuer
 * becomes a Google tenant and its members' subjects (Google account IDs) move to google_sub; other
 * tenants are left as they were.
 */
const { db } = await useTestDatabase();
const NAME = '20261210100000_google-sign-in';

async function tenantWith(slug: string, issuer: string, subject: string) {
  const t = await db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('tenant_sso')
    .values({ tenant_id: t.id, issuer, client_id: 'c', client_secret_sealed: Buffer.from('sealed') })
    .execute();
  await db
    .insertInto('members')
    .values({
      tenant_id: t.id,
      email: `a@${slug}.test`,
      user_name: `a@${slug}.test`,
      role: 'read_only',
      role_source: 'jit',
      idp_subject: subject,
    })
    .execute();
  return t.id;
}

describe(`migration ${NAME}`, () => {
  it('turns Google-as-OIDC tenants into Google tenants, moving their subjects to google_sub', async () => {
    const m = migrator(db);
    const names = (await m.getMigrations()).map((x) => x.name);
    const before = names[names.indexOf(NAME) - 1]!;
    expect((await m.migrateTo(before)).error).toBeUndefined();
    try {
      const google = await tenantWith('gmig', 'https://accounts.google.com', '108234567890123456789');
      const okta = await tenantWith('omig', 'https://acme.okta.example', '00u1abc');
      // A look-alike host is not Google's.
      const lookalike = await tenantWith('lmig', 'https://accounts.google.com.evil.example', '00u2def');
      expect((await m.migrateTo(NAME)).error).toBeUndefined();
      const rows = await db
        .selectFrom('tenant_sso as s')
        .innerJoin('members as mb', 'mb.tenant_id', 's.tenant_id')
        .select(['s.tenant_id', 's.provider', 'mb.idp_subject', 'mb.google_sub'])
        .where('s.tenant_id', 'in', [google, okta, lookalike])
        .execute();
      const by = Object.fromEntries(rows.map((r) => [r.tenant_id, r]));
      expect(by[google]).toMatchObject({ provider: 'google', idp_subject: null, google_sub: '108234567890123456789' });
      expect(by[okta]).toMatchObject({ provider: 'oidc', idp_subject: '00u1abc', google_sub: null });
      expect(by[lookalike]).toMatchObject({ provider: 'oidc', idp_subject: '00u2def', google_sub: null });
    } finally {
      await migrateToLatest(db);
    }
  });
});
