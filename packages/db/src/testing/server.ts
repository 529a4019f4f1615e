import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseEnv } from '@butterfly/config';
import pg from 'pg';
import { createDb } from '../client.ts';
import { ensureEmbeddedCluster, stopCluster, withStartLock } from '../embedded/cluster.ts';
import { migrateToLatest, migrationsFolder } from '../migrate.ts';
import { withDatabase } from '../server.ts';

/**
 * The server tests run against: BUTTERFLY_TEST_DATABASE_URL (set by `pnpm test`), else the server of
 * DATABASE_URL, else a test cluster of our own beside the dev one (port + 1, fsync off). Tests never
 * touch the application database itself: each file gets a database cloned from a migrated template.
 */
export async function ensureTestServer(log?: (m: string) => void) {
  if (process.env.BUTTERFLY_TEST_DATABASE_URL) {
    return { adminUrl: withDatabase(process.env.BUTTERFLY_TEST_DATABASE_URL, 'postgres'), stop: async () => {} };
  }
  const env = databaseEnv();
  if (env.DATABASE_URL) return { adminUrl: withDatabase(env.DATABASE_URL, 'postgres'), stop: async () => {} };
  const cluster = await ensureEmbeddedCluster({
    dataDir: env.BUTTERFLY_DATA_DIR,
    name: 'test-pg',
    port: env.BUTTERFLY_PG_PORT + 1,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    log,
  });
  // Several test runners may share the cluster (turbo runs packages in parallel): each registers its
  // pid, and the last live one out stops it.
  const users = join(env.BUTTERFLY_DATA_DIR, 'test-pg.users');
  mkdirSync(users, { recursive: true });
  writeFileSync(join(users, String(process.pid)), '');
  return {
    adminUrl: cluster.adminUrl,
    stop: () =>
      withStartLock(env.BUTTERFLY_DATA_DIR, async () => {
        rmSync(join(users, String(process.pid)), { force: true });
        const alive = readdirSync(users).filter((pid) => {
          try {
            process.kill(Number(pid), 0);
            return true;
          } catch {
            rmSync(join(users, pid), { force: true });
            return false;
          }
        });
        if (!alive.length) await stopCluster(cluster.pgDir);
      }),
  };
}

/** Name of the template for the current migrations: a new migration, or an edited one, makes a new one. */
function templateName() {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder).sort()) h.update(f).update(readFileSync(join(migrationsFolder, f)));
  return `bfy_tpl_${h.digest('hex').slice(0, 16)}`;
}

async function adminQuery<T extends pg.QueryResultRow>(adminUrl: string, fn: (c: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the migrated template once per migration set. Built under another name and renamed when
 * complete, under an advisory lock, so concurrent runners never clone a half-migrated template.
 */
export async function ensureTemplate(adminUrl: string): Promise<string> {
  const name = templateName();
  await adminQuery(adminUrl, async (c) => {
    await c.query('SELECT pg_advisory_lock(724101)');
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return {};
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      await c.query(`CREATE DATABASE ${building}`);
      const db = createDb(withDatabase(adminUrl, building), { max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
      return {};
    } finally {
      await c.query('SELECT pg_advisory_unlock(724101)');
    }
  });
  return name;
}

let counter = 0;

/** A fresh, migrated database for one test file. */
export async function cloneTemplate(adminUrl: string, template: string) {
  const name = `bfy_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (e) {
      // 55006: the template is briefly in use by another session; try again.
      if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
