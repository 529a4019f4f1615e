import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { afterAll, describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './rate-limit.ts';
import { createScimServer } from './server.ts';
import { TenantWriteGate } from './tenant-gate.ts';
import { useScimServer } from './testing/harness.ts';

const log = createLogger('scim-test', 'silent');
const { request, tenant, db, deps } = await useScimServer();
const t = await tenant();

/** Another SCIM process on the same database, trusting one proxy (so a test can name the client address). */
async function anotherProcess(o: { trustProxy?: number; db?: typeof db } = {}) {
  const server = createScimServer({
    db: o.db ?? db,
    log,
    keyring: deps.keyring,
    baseUrl: 'https://butterfly.test/scim/v2',
    trustProxy: o.trustProxy ?? 1,
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (token: string, ip: string) =>
    fetch(`${origin}/scim/v2/Users`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
}

describe('failed-authentication limit per client address', () => {
  it('answers 429 with Retry-After past 20 failures a minute, while valid tokens are never limited', async () => {
    for (let i = 0; i < 20; i++)
      expect((await request('GET', '/scim/v2/Users', { token: `bfys_guess${i}` })).status).toBe(401);
    const limited = await request('GET', '/scim/v2/Users', { token: 'bfys_guess-21' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(limited.body.detail).toContain('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await request('GET', '/scim/v2/Users')).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await t.as('GET', '/Users')).status).toBe(200);
  });

  it('is shared by every SCIM process: failures spread over two processes add up', async () => {
    const [a, b] = [await anotherProcess(), await anotherProcess()];
    const ip = '203.0.113.40';
    for (let i = 0; i < 10; i++) {
      expect((await a(`bfys_a${i}`, ip)).status).toBe(401);
      expect((await b(`bfys_b${i}`, ip)).status).toBe(401);
    }
    expect((await a('bfys_a-last', ip)).status).toBe(429);
    expect((await b('bfys_b-last', ip)).status).toBe(429);
    // Another client address is not affected, and a valid token from the limited one still works.
    expect((await a('bfys_other', '203.0.113.41')).status).toBe(401);
    expect((await b(t.token, ip)).status).toBe(200);
  });

  it('keeps answering (from memory) when Postgres is away: 401s and 429s, never 500s', async () => {
    const deadDb = createDb('postgres://nobody:x@127.0.0.1:1/none', { max: 1 });
    afterAll(() => deadDb.destroy());
    const limiter = createFailedAuthLimiter(deadDb, { points: 2, windowSec: 60 }, log);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await limiter.fail('203.0.113.50')).allowed ? 401 : 429);
    expect(codes).toEqual([401, 401, 429]);
  });
});

describe('TenantWriteGate', () => {
  it('runs at most `concurrency` writes of a tenant at once, others in order, and refuses past the queue', async () => {
    const gate = new TenantWriteGate(2, 2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const release: (() => void)[] = [];
    const job = (n: number) =>
      gate.run('t1', async () => {
        peak = Math.max(peak, ++running);
        await new Promise<void>((r) => release.push(r));
        order.push(n);
        running--;
      });
    const jobs = [job(1), job(2), job(3), job(4)];
    await expect(gate.run('t1', async () => 'x')).rejects.toMatchObject({
      status: 429,
      headers: { 'Retry-After': '1' },
    });
    expect(await gate.run('t2', async () => 'other tenant')).toBe('other tenant');
    while (order.length < 4) {
      await new Promise((r) => setTimeout(r, 1));
      release.shift()?.();
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
