import type { AddressInfo } from 'node:net';
import { createLogger, exitWithParent, onShutdownSignal, scimEnv } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { ensureDatabase, loadMasterKey } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain';
import { createScimServer } from './server.ts';

const log = createLogger('scim');
/** Undone in reverse order on shutdown; registered as each resource comes up. */
const cleanups: { name: string; run: () => Promise<unknown> }[] = [];

// SIGINT/SIGTERM (once), or the supervisor's death: undo what is up, exit; forced after 10 s.
const stop = onShutdownSignal(
  async (reason) => {
    log.info({ reason }, 'scim stopping');
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((err: unknown) => log.error({ err }, `stopping ${name} failed`));
    }
  },
  { log: (msg) => log.error(msg) },
);
exitWithParent(() => stop('parent process exited'));

async function main() {
  const env = scimEnv();
  const database = await ensureDatabase({ log: (msg) => log.info(msg) });
  // The embedded server is ours to stop only if we started it; others may be attached to it.
  if (database.startedHere) cleanups.push({ name: 'embedded database', run: () => database.stop() });
  const db = createDb(database.url, { onError: (err) => log.error({ err }, 'idle database connection failed') });
  cleanups.push({ name: 'database pool', run: () => db.destroy() });
  // Run on its own (`pnpm start:scim`) against a fresh database, the app must not answer 500s for
  // want of tables; the migrator's lock makes this safe beside the supervisor doing the same.
  await migrateToLatest(db);
  const keyring = createKeyring(loadMasterKey());

  const server = createScimServer({ db, log, keyring, baseUrl: env.SCIM_PUBLIC_URL });
  const host = process.env.HOST || '127.0.0.1';
  server.listen(env.SCIM_PORT, host);
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  cleanups.push({
    name: 'http server',
    run: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
        // Requests still running after 5 s are cut, so the pool can close within the 10 s deadline.
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  });
  const { port } = server.address() as AddressInfo;
  log.info({ host, port, baseUrl: env.SCIM_PUBLIC_URL }, `scim listening on http://localhost:${port}/scim/v2`);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'scim failed to start');
  process.exitCode = 1;
  stop('startup failed');
});
