import type { AddressInfo } from 'node:net';
import {
  closeHttpServer,
  createLogger,
  installLastResortHandlers,
  rateLimitEnv,
  scimEnv,
  serviceLifecycle,
} from '@butterfly/config';
import { createDb, createOrderedDb } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { ensureDatabase, loadMasterKey } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { createFailedAuthLimiter } from './rate-limit.ts';
import { createScimServer } from './server.ts';
import { createScimTokenCache } from './token-cache.ts';

const log = createLogger('scim');
installLastResortHandlers(log);
// SIGINT/SIGTERM (once), or the supervisor's death: undo what is up in reverse order, exit; forced after 10 s.
const { onStop, stop } = serviceLifecycle('scim', log);

async function main() {
  const env = scimEnv();
  const limits = rateLimitEnv();
  const database = await ensureDatabase({ log: (msg) => log.info(msg) });
  // The embedded server is ours to stop only if we started it; others may be attached to it.
  if (database.startedHere) onStop('embedded database', () => database.stop());
  const db = createDb(database.url, {
    onError: (err) => log.error({ err }, 'idle database connection failed'),
    // Decision 050: the SCIM hot path is a handful of statements repeated at IdP burst rates.
    prepareStatements: env.SCIM_TRANSACTION_POOLER === 'no',
  });
  onStop('database pool', () => db.destroy());
  // Run on its own (`pnpm start:scim`) against a fresh database, the app must not answer 500s for
  // want of tables; the migrator's lock makes this safe beside the supervisor doing the same.
  await migrateToLatest(db);
  const keyring = createKeyring(loadMasterKey());

  const limiter = createFailedAuthLimiter(db, limits.rateLimits.scim_bearer_fail_ip, log);
  // LISTEN needs a session of its own; through a transaction-mode pooler it would miss revocations.
  const tokens = env.SCIM_TRANSACTION_POOLER === 'no' ? createScimTokenCache({ url: database.url, log }) : undefined;
  if (tokens) onStop('SCIM token cache', () => tokens.close());
  // Pipelined statements in a pooler's transaction mode are not something to rely on: not there.
  const ordered =
    env.SCIM_TRANSACTION_POOLER === 'no'
      ? createOrderedDb(database.url, { onError: (err) => log.warn({ err }, 'the ordered connection failed') })
      : undefined;
  if (ordered) onStop('ordered connection', () => ordered.destroy());
  const server = createScimServer({
    db,
    log,
    keyring,
    baseUrl: env.SCIM_PUBLIC_URL,
    limiter,
    tokens,
    ordered,
    trustProxy: limits.BUTTERFLY_TRUST_PROXY,
  });
  const host = process.env.HOST || '127.0.0.1';
  server.listen(env.SCIM_PORT, host);
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  onStop('http server', () => closeHttpServer(server));
  const { port } = server.address() as AddressInfo;
  log.info({ host, port, baseUrl: env.SCIM_PUBLIC_URL }, `scim listening on http://localhost:${port}/scim/v2`);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'scim failed to start');
  process.exitCode = 1;
  stop('startup failed');
});
