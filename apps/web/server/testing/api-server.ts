/**
 * The web app serving only the API (/api/trpc, with its real token authentication, rate limits and
 * body limits), for tests in other packages that need a Butterfly to talk to over HTTP: the client
 * package's tarball test, the CLI's remote mode, the examples. Run from apps/web (the route's `~/`
 * imports resolve through tsconfig paths):
 *
 *   DATABASE_URL=… BUTTERFLY_MASTER_KEY=<base64> tsx server/testing/api-server.ts
 *
 * It installs graphile-worker's schema (what the worker does at start) so "Backup now" can queue,
 * prints `{"url":"http://127.0.0.1:<port>"}` on one line when listening, and exits on SIGTERM/SIGINT.
 */
import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { createKeyring } from '@butterfly/domain/crypto';
import { runMigrations } from 'graphile-worker';
import * as trpcRoute from '../../app/routes/api.trpc.$.ts';
import { createApp } from '../app.ts';
import { routeBuild } from './route-build.ts';

const databaseUrl = process.env.DATABASE_URL;
const masterKey = process.env.BUTTERFLY_MASTER_KEY;
if (!databaseUrl || !masterKey) throw new Error('DATABASE_URL and BUTTERFLY_MASTER_KEY are required');

const log = createLogger('api-test-server', process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn', { stderr: true });
await runMigrations({ connectionString: databaseUrl });

const db = createDb(databaseUrl, { max: 4 });
const app = createApp({
  db,
  log,
  keyring: createKeyring(Buffer.from(masterKey, 'base64')),
  https: false,
  web: { appUrl: 'http://127.0.0.1', cookieSecret: 'api-test-server', allowPrivateUrls: true },
  build: routeBuild({ 'routes/api.trpc.$': { path: 'api/trpc/*', module: trpcRoute } }),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);

const stop = () => {
  server.close(() => void db.destroy().finally(() => process.exit(0)));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
