import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  closeHttpServer,
  createLogger,
  installLastResortHandlers,
  rateLimitEnv,
  scimEnv,
  serviceLifecycle,
  webEnv,
} from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { ensureDatabase, loadMasterKey } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { bodyStoreFromEnv } from '@butterfly/jobs';
import type { ServerBuild } from '@remix-run/node';
import { createApp } from './app.ts';
import { deriveCookieSecret } from './cookie-secret.ts';
import { deriveAccessTokenSeed } from './oauth/access-tokens.ts';

// The production server (`pnpm --filter @butterfly/web start`, after `build`). React and express
// pick their production behaviour from NODE_ENV; both are loaded only after this line.
process.env.NODE_ENV ??= 'production';

const webRoot = resolve(import.meta.dirname, '..');
const serverBuildPath = resolve(webRoot, 'build/server/index.js');
const clientDir = resolve(webRoot, 'build/client');

const log = createLogger('web');
installLastResortHandlers(log);
// SIGINT/SIGTERM (once), or the supervisor's death: undo what is up in reverse order, exit; forced after 10 s.
const { onStop, stop } = serviceLifecycle('web', log);

async function main() {
  const env = webEnv();
  const limits = rateLimitEnv();
  if (!existsSync(serverBuildPath)) {
    throw new Error(`${serverBuildPath} is missing: run \`pnpm --filter @butterfly/web build\` first`);
  }
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  const database = await ensureDatabase({ log: (msg) => log.info(msg) });
  // The embedded server is ours to stop only if we started it; others may be attached to it.
  if (database.startedHere) onStop('embedded database', () => database.stop());
  const db = createDb(database.url, { onError: (err) => log.error({ err }, 'idle database connection failed') });
  onStop('database pool', () => db.destroy());
  const masterKey = loadMasterKey();
  const keyring = createKeyring(masterKey);
  const web = {
    appUrl: env.APP_URL,
    cookieSecret: deriveCookieSecret(masterKey),
    allowPrivateUrls: env.BUTTERFLY_ALLOW_PRIVATE_URLS,
    dnsServer: env.BUTTERFLY_DNS_SERVER,
    accessTokenSeed: deriveAccessTokenSeed(masterKey),
    extensionIds: env.BUTTERFLY_EXTENSION_IDS,
    scimBaseUrl: scimEnv().SCIM_PUBLIC_URL,
    bodies: bodyStoreFromEnv(),
    freshnessSettleSeconds: env.BUTTERFLY_FRESHNESS_SETTLE_SECONDS,
  };
  const app = createApp({
    db,
    log,
    keyring,
    https: env.secureCookies,
    web,
    build,
    clientDir,
    rateLimits: limits.rateLimits,
    trustProxy: limits.BUTTERFLY_TRUST_PROXY,
  });
  const host = process.env.HOST || '127.0.0.1';
  const server = app.listen(env.PORT, host);
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  onStop('http server', () => closeHttpServer(server));
  const { port } = server.address() as AddressInfo;
  log.info(
    { host, port, appUrl: env.APP_URL, allowPrivateUrls: env.BUTTERFLY_ALLOW_PRIVATE_URLS },
    `web listening on http://localhost:${port}`,
  );
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'web failed to start');
  process.exitCode = 1;
  stop('startup failed');
});
