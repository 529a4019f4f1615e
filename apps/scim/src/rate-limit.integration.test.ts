import { describe, expect, it } from 'vitest';
import { FailedAuthLimiter } from './rate-limit.ts';
import { TenantWriteGate } from './tenant-gate.ts';
import { useScimServer } from './testing/harness.ts';

const { request, tenant } = await useScimServer({ limiter: new FailedAuthLimiter(20, 60_000) });
const t = await tenant();

describe('failed-authentication limit per client address', () => {
  it('answers 429 with Retry-After past 20 failures a minute, while valid tokens are never limited', async () => {
    for (let i = 0; i < 20; i++) expect((await request('GET', '/scim/v2/Users', { token: `bfys_guess${i}` })).status).toBe(401);
    const limited = await request('GET', '/scim/v2/Users', { token: 'bfys_guess-21' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await request('GET', '/scim/v2/Users')).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await t.as('GET', '/Users')).status).toBe(200);
  });
});

describe('FailedAuthLimiter', () => {
  it('slides: failures older than the window stop counting', () => {
    const l = new FailedAuthLimiter(3, 1000);
    expect([0, 100, 200].map((ms) => l.fail('a', ms))).toEqual([undefined, undefined, undefined]);
    expect(l.fail('a', 300)).toBe(1);
    expect(l.fail('b', 300)).toBeUndefined();
    expect(l.fail('a', 1250)).toBeUndefined();
  });

  it('stays bounded under a flood of addresses', () => {
    const l = new FailedAuthLimiter(20, 60_000, 100);
    for (let i = 0; i < 1000; i++) l.fail(`10.0.${i >> 8}.${i & 255}`, i);
    expect((l as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(101);
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
    await expect(gate.run('t1', async () => 'x')).rejects.toMatchObject({ status: 429, headers: { 'Retry-After': '1' } });
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
