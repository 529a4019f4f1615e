import { type TDatabaseEnv, databaseEnv } from '@butterfly/config';
import pg from 'pg';
import { ensureEmbeddedCluster, stopCluster } from './embedded/cluster.ts';

export { stopCluster };
export { loadMasterKey } from './master-key.ts';

export interface DatabaseServer {
  /** URL of the application database. */
  url: string;
  embedded: boolean;
  /** True when this process started the embedded server (and so owns stopping it). */
  startedHere: boolean;
  /** PostgreSQL data directory of the embedded server. */
  pgDir?: string;
  stop(): Promise<void>;
}

export const APP_DATABASE = 'butterfly';

export async function createDatabaseIfMissing(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The one way a process gets its database. With DATABASE_URL set, that server and nothing else.
 * Otherwise the embedded cluster under BUTTERFLY_DATA_DIR on BUTTERFLY_PG_PORT: attached to when it
 * runs (pid file + port, identity checked), started when it does not.
 */
export async function ensureDatabase(
  opts: { env?: TDatabaseEnv; log?: (msg: string) => void } = {},
): Promise<DatabaseServer> {
  const env = opts.env ?? databaseEnv();
  if (env.DATABASE_URL) {
    // A fresh database name on an existing server is created, when the role may; otherwise connecting reports it.
    const name = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
    if (name && name !== 'postgres')
      await createDatabaseIfMissing(withDatabase(env.DATABASE_URL, 'postgres'), name).catch(() => {});
    return { url: env.DATABASE_URL, embedded: false, startedHere: false, stop: async () => {} };
  }
  const cluster = await ensureEmbeddedCluster({
    dataDir: env.BUTTERFLY_DATA_DIR,
    name: 'pg',
    port: env.BUTTERFLY_PG_PORT,
    log: opts.log,
  });
  await createDatabaseIfMissing(cluster.adminUrl, APP_DATABASE);
  return {
    url: withDatabase(cluster.adminUrl, APP_DATABASE),
    embedded: true,
    startedHere: cluster.startedHere,
    pgDir: cluster.pgDir,
    stop: cluster.stop,
  };
}
