import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { createKeyring } from '@butterfly/domain/crypto';
import { setDirectorySync, watchDirectory } from '@butterfly/domain/directory-sync';
import type { IdpClient } from '@butterfly/domain/idp';
import { seedGoogleConnection, seedTenant, testDeps } from '@butterfly/domain/testing';
import { jobQueue } from '@butterfly/jobs';
import { runMigrations } from 'graphile-worker';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeBuild } from '../../server/testing/route-build.ts';
import * as watchRoute from '../routes/hooks.google.$connectionId.ts';

/** POST /hooks/google/<connection>: Google's users.watch doorbell through the real app (decision 064). */
const { db, url } = await useTestDatabase();
await runMigrations({ connectionString: url });
const keyring = createKeyring(Buffer.alloc(32, 7));
const deps = { ...testDeps(db, undefined, Buffer.alloc(32, 7)), jobs: jobQueue };
const app = createApp({
  db,
  log: createLogger('web-test', 'silent'),
  keyring,
  https: false,
  web: {
    appUrl: 'http://localhost:3000',
    cookieSecret: 'test-cookie-secret',
    allowPrivateUrls: true,
    freshnessSettleSeconds: 5,
  },
  build: routeBuild({ watch: { path: 'hooks/google/:connectionId', module: watchRoute } }),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function channel() {
  const t = await seedTenant(deps);
  const c = await seedGoogleConnection(deps, t.id);
  await setDirectorySync(deps, t.id, { connectionId: c.id, enabled: true });
  let given = { id: '', token: '' };
  const client = {
    watchUsers: async (ch: { id: string; token: string; expiresAt: Date }) => {
      given = ch;
      return { resourceId: 'r1', expiresAt: ch.expiresAt };
    },
  } as unknown as IdpClient;
  const w = await watchDirectory(
    { ...deps, idpClientFor: () => client },
    t.id,
    { connectionId: c.id },
    { appUrl: base },
  );
  return { connectionId: c.id, url: w.address, ...given };
}

const ring = (url: string, headers: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-resource-state': 'update', ...headers },
    body: JSON.stringify({ kind: 'admin#directory#user', id: '1' }),
  });
const syncJobs = async (connectionId: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs
      where task_identifier = 'directory-sync.run' and key = ${`directory-sync:${connectionId}`}`.execute(db)
  ).rows[0]!.n;

describe('POST /hooks/google/<connection>', () => {
  it('with the channel id and token: 200 and one queued sync, however many calls (no CSRF token needed)', async () => {
    const ch = await channel();
    const headers = { 'x-goog-channel-id': ch.id, 'x-goog-channel-token': ch.token };
    expect((await ring(ch.url, headers)).status).toBe(200);
    expect((await ring(ch.url, headers)).status).toBe(200);
    expect(await syncJobs(ch.connectionId)).toBe(1);
  });

  it('a wrong token, a wrong channel or an unknown connection: 401 alike, nothing queued', async () => {
    const ch = await channel();
    expect((await ring(ch.url, { 'x-goog-channel-id': ch.id, 'x-goog-channel-token': 'bfh_x' })).status).toBe(401);
    expect((await ring(ch.url, { 'x-goog-channel-id': 'other', 'x-goog-channel-token': ch.token })).status).toBe(401);
    expect((await ring(`${base}/hooks/google/nope`, { 'x-goog-channel-id': ch.id })).status).toBe(401);
    expect(await syncJobs(ch.connectionId)).toBe(0);
  });
});
