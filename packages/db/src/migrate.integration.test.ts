import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDb } from './client.ts';
import { isMigrated, migrateIfPending } from './migrate.ts';
import { withDatabase } from './server.ts';
import { useTestDatabase } from './testing/index.ts';

/** The CLI's fast path: migrations are run only when one in the folder is not recorded as applied. */
const { db } = await useTestDatabase();

async function admin(query: string) {
  const c = new pg.Client({ connectionString: inject('bfyAdminUrl') });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

describe('isMigrated and migrateIfPending', () => {
  it('an empty database is not migrated; migrateIfPending applies every migration once, then nothing', async () => {
    const name = `bfy_empty_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const empty = createDb(withDatabase(inject('bfyAdminUrl'), name), { max: 2 });
    try {
      expect(await isMigrated(empty)).toBe(false);
      const applied = await migrateIfPending(empty);
      expect(applied.length).toBeGreaterThan(10);
      expect(await isMigrated(empty)).toBe(true);
      expect(await migrateIfPending(empty)).toEqual([]);
    } finally {
      await empty.destroy();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('a database missing the record of one migration is not migrated', async () => {
    expect(await isMigrated(db)).toBe(true);
    await sql`DELETE FROM kysely_migration WHERE name = (SELECT max(name) FROM kysely_migration)`.execute(db);
    expect(await isMigrated(db)).toBe(false);
  });
});
