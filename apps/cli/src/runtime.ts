import { userInfo } from 'node:os';
import { createLogger, databaseEnv, logEnv } from '@butterfly/config';
import { type DB, type Kysely, createDb } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { ensureDatabase, loadMasterKey } from '@butterfly/db/server';
import { type Deps, createKeyring } from '@butterfly/domain';

export interface Runtime {
  db: Kysely<DB>;
  deps: Deps;
  url: string;
}

const operatorLabel = () => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

/**
 * Opens the database for one command: attaches to the running embedded server (or starts it, and
 * then stops it afterwards), applies pending migrations, and hands the command operator deps.
 */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const env = databaseEnv();
  const log = createLogger('cli', process.env.LOG_LEVEL ? logEnv().LOG_LEVEL : 'warn', { stderr: true });
  const server = await ensureDatabase({ env, log: (m) => log.info(m) });
  const db = createDb(server.url, { max: 4 });
  try {
    if (opts.migrate !== false) await migrateToLatest(db);
    const deps: Deps = {
      db,
      actor: { kind: 'operator', label: operatorLabel() },
      log,
      clock: () => new Date(),
      keyring: createKeyring(loadMasterKey(env)),
    };
    return await fn({ db, deps, url: server.url });
  } finally {
    await db.destroy();
    if (server.startedHere) await server.stop();
  }
}
