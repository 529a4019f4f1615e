import { userInfo } from 'node:os';
import type { DB, Kysely } from '@butterfly/db';
import type { Deps } from '@butterfly/domain/core';

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
 * The packages are imported here, when a command runs, never when the program is defined.
 */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const [
    { bodyStoreEnv, createLogger, databaseEnv, logEnv },
    { createDb },
    { migrateIfPending },
    { ensureDatabase, loadMasterKey },
    { createKeyring },
    { createBodyStore },
  ] = await Promise.all([
    import('@butterfly/config'),
    import('@butterfly/db'),
    import('@butterfly/db/migrate'),
    import('@butterfly/db/server'),
    import('@butterfly/domain/crypto'),
    import('@butterfly/domain/bodies'),
  ]);
  const env = databaseEnv();
  // Where snapshot bodies are kept (decision 044). Only S3 needs the outbound client, which lives
  // with the jobs package: the CLI's start-up does not load it otherwise (decision 035).
  const bodyConfig = bodyStoreEnv();
  const bodyStore = async () =>
    bodyConfig.kind === 's3' ? (await import('@butterfly/jobs')).bodyStoreFromEnv() : createBodyStore(bodyConfig);
  const log = createLogger('cli', process.env.LOG_LEVEL ? logEnv().LOG_LEVEL : 'warn', { stderr: true });
  const server = await ensureDatabase({ env, log: (m) => log.info(m) });
  const db = createDb(server.url, { max: 4 });
  try {
    if (opts.migrate !== false) await migrateIfPending(db);
    const deps: Deps = {
      db,
      actor: { kind: 'operator', label: operatorLabel() },
      log,
      clock: () => new Date(),
      keyring: createKeyring(loadMasterKey(env)),
      bodies: await bodyStore(),
    };
    return await fn({ db, deps, url: server.url });
  } finally {
    await db.destroy();
    if (server.startedHere) await server.stop();
  }
}
