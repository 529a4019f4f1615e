import { createOktaClient } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import { updateConnection } from '@butterfly/domain/connections';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { fastClock } from './support/clock.ts';
import { product } from './support/product.ts';
import { orgHandle, type SimStats, startSim } from './support/sim.ts';

/**
 * Issue 20, "Polite to Okta" (decision 047): okta-sim caps each OAuth app at its share of every
 * bucket, as Okta does (50 % by default). A backup through the jobs' task, from a stored OAuth
 * service-app connection, earns no 429 and no window of any bucket sees more of the app than its
 * ceiling. Simulator and connector share a clock that runs faster than the wall clock.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

type AppStats = SimStats['apps'][string];

async function backUp(slug: string, opts: { share?: number; users: number; rateScale: number }) {
  const clock = fastClock(8);
  sim = await startSim({ users: opts.users, rateScale: opts.rateScale, clock: clock.now });
  const org = await orgHandle(sim, 'acme', clock);
  await app.migrateJobs();
  const t = await app.tenantWithConnection(slug, {
    orgUrl: org.url,
    credentials: { kind: 'oauth', clientId: org.clientId, privateKey: org.privateKeyPem },
  });
  if (opts.share) {
    // The admin raised the app's share in Okta, and told Butterfly so.
    await org.control('PUT', `/clients/${org.clientId}/rate-limit-share`, { percent: opts.share });
    await updateConnection(app.deps, t.tenantId, { connectionId: t.connectionId, rateLimitShare: opts.share });
  }
  const clients: ReturnType<typeof createOktaClient>[] = [];
  await app.backupThroughJobs(t, {
    idpClientFor: (config) => {
      const c = createOktaClient(config, { allowPrivateNetwork: true, clock });
      clients.push(c);
      return c;
    },
  });
  const snapshot = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', t.connectionId)
    .executeTakeFirstOrThrow();
  const stats = await org.stats();
  const a = stats.apps[org.clientId]!;
  return { snapshot, stats, app: a, clients };
}

/** Each bucket's busiest window of the app, as a share of the bucket. */
const peaks = (a: AppStats) =>
  Object.entries(a.buckets).map(([name, b]) => ({ name, peak: b.peakWindow / b.limit, ...b }));

describe('an OAuth service-app connection', () => {
  it("backs up within Okta's default 50 % per app: no 429, no window past half of any bucket", {
    timeout: 240_000,
  }, async () => {
    const { snapshot, stats, app: a, clients } = await backUp('polite', { users: 2000, rateScale: 0.2 });
    expect(snapshot.status).toBe('complete');
    expect((snapshot.counts as Record<string, number>).user).toBeGreaterThan(2000);
    expect(a.share).toBe(50);
    expect([stats.limited, a.limited, a.overShare]).toEqual([0, 0, 0]);
    expect(clients.reduce((n, c) => n + (c.stats().rateLimited ?? 0), 0)).toBe(0);
    const over = peaks(a).filter((b) => b.peakWindow > Math.floor(b.limit * 0.5));
    expect(over).toEqual([]);
    // The share binds somewhere: the busiest bucket is paced up to it, not far below (the SSWS reserve
    // applied to the app's remaining would stop at 30 %).
    expect(Math.max(...peaks(a).map((b) => b.peak))).toBeGreaterThan(0.4);
  });

  it('uses a raised share when the connection is told of it, still without a 429', { timeout: 240_000 }, async () => {
    const { snapshot, stats, app: a } = await backUp('raised', { users: 2000, rateScale: 0.2, share: 80 });
    expect(snapshot.status).toBe('complete');
    expect(a.share).toBe(80);
    expect([stats.limited, a.limited]).toEqual([0, 0]);
    expect(peaks(a).filter((b) => b.peakWindow > Math.floor(b.limit * 0.8))).toEqual([]);
    expect(Math.max(...peaks(a).map((b) => b.peak))).toBeGreaterThan(0.5);
  });
});
