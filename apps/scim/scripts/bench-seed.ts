import { randomBytes } from 'node:crypto';
import { createLogger } from '@butterfly/config';
import { type DB, type Kysely, createDb, sql } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { withDatabase } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { createScimToken } from '@butterfly/domain/scim';
import { createTenant } from '@butterfly/domain/tenants';

export const BENCH_DATABASE = 'butterfly_bench';

/** A fresh bench database beside the application one (never the application database itself). */
export async function freshBenchDatabase(appUrl: string): Promise<string> {
  const admin = createDb(withDatabase(appUrl, 'postgres'), { max: 1 });
  try {
    await sql`drop database if exists ${sql.id(BENCH_DATABASE)} with (force)`.execute(admin);
    await sql`create database ${sql.id(BENCH_DATABASE)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return withDatabase(appUrl, BENCH_DATABASE);
}

export async function dropBenchDatabase(appUrl: string) {
  const admin = createDb(withDatabase(appUrl, 'postgres'), { max: 1 });
  await sql`drop database if exists ${sql.id(BENCH_DATABASE)} with (force)`
    .execute(admin)
    .finally(() => admin.destroy());
}

/**
 * Migrates the bench database and seeds one tenant with `members` members in a single INSERT ...
 * SELECT (seconds, not minutes), plus a SCIM token. Returns what the load generator needs.
 */
export async function seed(url: string, members: number) {
  const masterKey = randomBytes(32);
  const db: Kysely<DB> = createDb(url, { max: 2 });
  try {
    await migrateToLatest(db);
    const deps = {
      db,
      actor: { kind: 'operator' as const, label: 'bench' },
      log: createLogger('bench', 'silent'),
      clock: () => new Date(),
      keyring: createKeyring(masterKey),
    };
    const tenant = await createTenant(deps, { slug: 'bench', name: 'Bench' });
    await sql`
      insert into members (tenant_id, user_name, email, given_name, family_name, display_name, external_id, role, role_source, created_at)
      select ${tenant.id}::uuid, 'user' || g || '@bench.test', 'user' || g || '@bench.test', 'Given' || g, 'Family' || g, 'User ' || g,
             '00u' || g, 'read_only', 'scim', now() - make_interval(secs => ${members} - g)
      from generate_series(1, ${members}) g`.execute(db);
    await sql`analyze members`.execute(db);
    // Flush the bulk load now rather than in a checkpoint during a measurement (needs a superuser,
    // which the embedded cluster's URL is; elsewhere the bench runs without it).
    await sql`checkpoint`.execute(db).catch(() => {});
    const { token } = await createScimToken(deps, tenant.id, { label: 'bench' });
    const ids = (
      await db.selectFrom('members').select('id').where('tenant_id', '=', tenant.id).orderBy('created_at').execute()
    ).map((r) => r.id);
    return { token, ids, masterKey };
  } finally {
    await db.destroy();
  }
}
