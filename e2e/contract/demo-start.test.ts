import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { diffSnapshots, type ObjectChange } from '@butterfly/domain/diff';
import { jobQueue } from '@butterfly/jobs';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, fetchDemoOrg, queueDemoBackup, seedDemo } from '../../scripts/seed-demo.ts';
import { product } from './support/product.ts';
import { startSim } from './support/sim.ts';

/**
 * Issue 17: what `pnpm start` seeds on an empty database (scripts/seed-demo.ts) against okta-sim
 * kept in a state file, as start.ts runs it: the demo tenant with its connection, schedule and
 * first backup (and scan), nothing duplicated by a second start, and no phantom changes in the diff
 * of a backup taken after okta-sim was restarted from its state.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const stateFile = join(mkdtempSync(join(tmpdir(), 'bfy-demo-')), 'okta-sim', 'state.json');
const client = { org: DEMO.slug, client_id: DEMO.clientId, redirect_uris: ['http://localhost:3000/sso/acme/callback'] };
let sim: OktaSim;
let port: number;

/** A free port, so that both simulators (before and after the restart) listen at the same org URL. */
const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as AddressInfo;
      s.close(() => done(p));
    });
  });

const start = () => startSim({ port, rateScale: 100, stateFile, clients: [client] });
const idpOf = (s: OktaSim) => ({ issuer: `${s.url}/${DEMO.slug}`, clientSecret: s.clients[0]!.client_secret });
const base = { db, keyring: app.deps.keyring, log: app.deps.log };
const snapshots = (connectionId: string) =>
  db
    .selectFrom('snapshots')
    .select(['id', 'status'])
    .where('connection_id', '=', connectionId)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  port = await freePort();
  sim = await start();
  await app.migrateJobs();
  // A change since the seed: a re-seeded simulator would not have it, and the diff would say so.
  const org = await fetchDemoOrg(sim.url);
  const res = await fetch(`${org.url}/api/v1/groups`, {
    method: 'POST',
    headers: { authorization: `SSWS ${org.apiToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ profile: { name: 'Made before the restart' } }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await sim?.close();
  await app.close();
});

describe('the demo that pnpm start seeds', () => {
  let seeded: { tenantId: string; connectionId: string };

  it('an empty database gets the acme tenant with a connection to okta-sim and a daily schedule; a second start adds nothing', async () => {
    const org = await fetchDemoOrg(sim.url);
    const first = await seedDemo(base, idpOf(sim), org);
    expect(first).toMatchObject({ outcome: 'seeded', connectionId: expect.any(String) });
    if (first.outcome !== 'seeded' || !first.connectionId) throw new Error('not seeded');
    seeded = { tenantId: first.tenantId, connectionId: first.connectionId };

    expect(await seedDemo(base, idpOf(sim), org)).toEqual({ outcome: 'ready', tenantId: seeded.tenantId });
    const connections = await db
      .selectFrom('connections')
      .select(['name', 'org_url', 'auth_kind'])
      .where('tenant_id', '=', seeded.tenantId)
      .execute();
    expect(connections).toEqual([{ name: DEMO.connection, org_url: `${sim.url}/${DEMO.slug}`, auth_kind: 'ssws' }]);
    const schedules = await db
      .selectFrom('backup_schedules')
      .select(['frequency', 'enabled'])
      .where('tenant_id', '=', seeded.tenantId)
      .execute();
    expect(schedules).toEqual([{ frequency: 'daily', enabled: true }]);
  });

  it('the first backup is queued once (not twice when asked again), and the worker runs it and then its compliance scan', async () => {
    const queued = await queueDemoBackup({ ...base, jobs: jobQueue }, seeded.tenantId, seeded.connectionId);
    expect(queued.alreadyRunning).toBe(false);
    expect(
      (await queueDemoBackup({ ...base, jobs: jobQueue }, seeded.tenantId, seeded.connectionId)).alreadyRunning,
    ).toBe(true);
    await app.runDueJobs(); // the backup, which queues the scan
    await app.runDueJobs(); // the scan
    expect(await snapshots(seeded.connectionId)).toEqual([{ id: expect.any(String), status: 'complete' }]);
    const [snapshot] = await snapshots(seeded.connectionId);
    const scans = await db
      .selectFrom('scans')
      .select(['snapshot_id', 'connection_name'])
      .where('tenant_id', '=', seeded.tenantId)
      .execute();
    expect(scans).toEqual([{ snapshot_id: snapshot!.id, connection_name: DEMO.connection }]);
  });

  it('after okta-sim restarts from its state file, the next backup shows no change at all', async () => {
    const before = idpOf(sim);
    await sim.close();
    sim = await start();
    expect(sim.url).toBe(`http://127.0.0.1:${port}`);
    // The same issuer and client secret: the demo tenant's sign-in goes on working as it was.
    expect(idpOf(sim)).toEqual(before);
    // Held, so that the schedule's retention (one a day) keeps it beside the next one for the diff.
    await db
      .updateTable('snapshots')
      .set({ legal_hold: true })
      .where('connection_id', '=', seeded.connectionId)
      .execute();
    await app.backupThroughJobs(seeded);
    const [first, second] = await snapshots(seeded.connectionId);
    expect(second?.status).toBe('complete');
    const changes: ObjectChange[] = [];
    for await (const c of diffSnapshots(app.deps, seeded.tenantId, { from: first!.id, to: second!.id }))
      changes.push(c);
    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([]);
  });
});
