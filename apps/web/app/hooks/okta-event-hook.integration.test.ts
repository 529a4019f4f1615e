import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { createKeyring } from '@butterfly/domain/crypto';
import { rotateEventHookSecret, setFreshness } from '@butterfly/domain/freshness';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { jobQueue } from '@butterfly/jobs';
import { runMigrations } from 'graphile-worker';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeBuild } from '../../server/testing/route-build.ts';
import * as hookRoute from '../routes/hooks.okta.$connectionId.ts';

const { db, url } = await useTestDatabase();
await runMigrations({ connectionString: url });
const keyring = createKeyring(Buffer.alloc(32, 7));
const deps = { ...testDeps(db, undefined, Buffer.alloc(32, 7)), jobs: jobQueue };
const web = { appUrl: 'http://localhost:3000', cookieSecret: 'test-cookie-secret', allowPrivateUrls: true };
const app = createApp({
  db,
  log: createLogger('web-test', 'silent'),
  keyring,
  https: false,
  web: { ...web, freshnessSettleSeconds: 5 },
  build: routeBuild({ hook: { path: 'hooks/okta/:connectionId', module: hookRoute } }),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function world(enabled = true) {
  const t = await seedTenant(deps);
  const admin = await seedMember(deps, t.id, 'admin');
  const d = { ...deps, actor: memberActor(t.id, admin) };
  const connectionId = await seedConnection(d, t.id);
  if (enabled) await setFreshness(d, t.id, { connectionId, enabled: true });
  const hook = await rotateEventHookSecret(d, t.id, { connectionId });
  return { t, connectionId, hook, url: `${base}${hook.path}` };
}

const hookJobs = async (connectionId: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs
      where task_identifier = 'freshness.poll' and key = ${`freshness:hook:${connectionId}`}`.execute(db)
  ).rows[0]!.n;

/** An Okta event hook delivery: `data.events` are System Log events. */
const delivery = (n = 1) =>
  JSON.stringify({
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    cloudEventsVersion: '0.1',
    source: 'https://acme.okta.com/api/v1/eventHooks/who1',
    eventId: 'e1',
    data: {
      events: Array.from({ length: n }, (_, i) => ({ uuid: `u${i}`, eventType: 'group.rule.update', target: [] })),
    },
    eventTime: new Date().toISOString(),
    contentType: 'application/json',
  });

const post = (url: string, secret: string | undefined, body = delivery()) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: secret } : {}) },
    body,
  });

describe('Okta event hook receiver', () => {
  it("answers Okta's one-time verification challenge when the secret header is right", async () => {
    const w = await world();
    const ok = await fetch(w.url, {
      headers: { 'x-okta-verification-challenge': 'chal-123', authorization: w.hook.secret },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ verification: 'chal-123' });
    const wrong = await fetch(w.url, { headers: { 'x-okta-verification-challenge': 'chal-123', authorization: 'x' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('chal-123');
    expect((await fetch(w.url, { headers: { authorization: w.hook.secret } })).status).toBe(405);
  });

  it('a delivery is 204 and queues one coalesced poll however many calls and events', async () => {
    const w = await world();
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await post(w.url, w.hook.secret, delivery(100))).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await hookJobs(w.connectionId)).toBe(1);
  });

  it('refuses a wrong or missing secret, an unknown connection and another tenant’s secret alike', async () => {
    const w = await world();
    const other = await world();
    for (const [url, secret] of [
      [w.url, 'bfh_wrong'],
      [w.url, undefined],
      [w.url, other.hook.secret],
      [`${base}/hooks/okta/00000000-0000-4000-8000-000000000000`, w.hook.secret],
      [`${base}/hooks/okta/not-a-uuid`, w.hook.secret],
    ] as const) {
      const res = await post(url, secret);
      expect(res.status, `${url} ${secret}`).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    expect(await hookJobs(w.connectionId)).toBe(0);
  });

  it('refuses a body past 512 KiB before reading it', async () => {
    const w = await world();
    const res = await post(w.url, w.hook.secret, 'x'.repeat(512 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(await hookJobs(w.connectionId)).toBe(0);
    // Within the limit, a large delivery is fine.
    expect((await post(w.url, w.hook.secret, delivery(1500))).status).toBe(204);
  });

  it('freshness off: Okta still gets its 204, nothing is queued', async () => {
    const w = await world(false);
    expect((await post(w.url, w.hook.secret)).status).toBe(204);
    expect(await hookJobs(w.connectionId)).toBe(0);
  });
});
