import type { Kysely } from 'kysely';
import { afterAll, inject } from 'vitest';
import { createDb } from '../client.ts';
import type { DB } from '../generated/db.ts';
import { cloneTemplate } from './server.ts';
import './provided.ts';

export { cloneTemplate, ensureTemplate, ensureTestServer } from './server.ts';

/**
 * A real, migrated, empty Postgres database for this test file, dropped after it. Call at the top
 * level of a `*.integration.test.ts` file (or in beforeAll).
 */
export async function useTestDatabase(): Promise<{ db: Kysely<DB>; url: string }> {
  const clone = await cloneTemplate(inject('bfyAdminUrl'), inject('bfyTemplate'));
  const db = createDb(clone.url, { max: 5 });
  afterAll(async () => {
    await db.destroy();
    await clone.drop();
  });
  return { db, url: clone.url };
}
