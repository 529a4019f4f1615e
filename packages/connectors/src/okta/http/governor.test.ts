import { describe, expect, it } from 'vitest';
import { OktaApiError, OktaUnavailableError } from '../errors.ts';
import { VirtualClock } from '../test/virtual-clock.ts';
import { Governor, type Outcome } from './governor.ts';

const WINDOW = 60_000;

/**
 * One Okta bucket as the server keeps it: `limit` requests per fixed one-minute window for the whole
 * org, counted on arrival; `others` lets another caller (the customer's automation) spend some first.
 */
function fakeBucket(
  clock: VirtualClock,
  limit: number,
  opts: { latencyMs?: number; others?: number; appCap?: number } = {},
) {
  const used = new Map<number, number>();
  const ours = new Map<number, number>();
  const starts: number[] = [];
  return {
    starts,
    ours,
    async call(): Promise<Outcome<number>> {
      const t = clock.now();
      const w = Math.floor(t / WINDOW);
      if (!used.has(w)) used.set(w, opts.others ?? 0);
      used.set(w, used.get(w)! + 1);
      ours.set(w, (ours.get(w) ?? 0) + 1);
      starts.push(t);
      await clock.sleep(opts.latencyMs ?? 100);
      const rate = { limit, remaining: Math.max(0, limit - used.get(w)!), resetAt: (w + 1) * WINDOW };
      if (used.get(w)! > limit) return { kind: 'rate_limited', error: new Error('429'), rate };
      // Okta's per-app cap (OAuth apps): past it, a 429 though the org's bucket has room.
      if (opts.appCap !== undefined && ours.get(w)! > opts.appCap)
        return { kind: 'rate_limited', error: new Error('429'), rate };
      return { kind: 'done', value: t, rate };
    },
  };
}

const governor = (clock: VirtualClock, opts: ConstructorParameters<typeof Governor>[0] = {}) =>
  new Governor({ clock, random: () => 0.5, jitterMs: 0, ...opts });

describe('governor', () => {
  it('paces a long run so no window sees more than 80 % of the bucket, without bursts', async () => {
    const clock = new VirtualClock(Math.ceil(Date.UTC(2026, 10, 29) / WINDOW) * WINDOW);
    const g = governor(clock);
    const bucket = fakeBucket(clock, 100);
    await clock.run(Promise.all(Array.from({ length: 300 }, () => g.run('GET /api/v1/users', () => bucket.call()))));

    expect(bucket.starts).toHaveLength(300);
    for (const n of bucket.ours.values()) expect(n).toBeLessThanOrEqual(80);
    expect(g.stats.snapshot().rateLimited).toBe(0);
    // Spread out, not front-loaded: no ten seconds carry much more than their share (80/6 ≈ 13).
    const maxIn10s = Math.max(
      ...bucket.starts.map((t) => bucket.starts.filter((u) => u >= t && u < t + 10_000).length),
    );
    expect(maxIn10s).toBeLessThanOrEqual(16);
    // ...and still close to the bound the bucket sets: 300 requests at 80 a minute need < 4 windows more.
    expect(bucket.starts.at(-1)! - bucket.starts[0]!).toBeLessThan(4 * WINDOW);
  });

  it("leaves the reserve to the customer's own traffic", async () => {
    const clock = new VirtualClock(Math.ceil(Date.UTC(2026, 10, 29) / WINDOW) * WINDOW);
    const g = governor(clock);
    const bucket = fakeBucket(clock, 100, { others: 50 });
    await clock.run(Promise.all(Array.from({ length: 60 }, () => g.run('GET /api/v1/groups', () => bucket.call()))));
    // 50 spent by the customer, 20 kept in reserve: at most 30 per window for us.
    for (const n of bucket.ours.values()) expect(n).toBeLessThanOrEqual(30);
    expect(g.stats.snapshot().rateLimited).toBe(0);
  });

  it("with a share (OAuth service apps) counts its own requests: at most the share of each window, no 429, though Okta's remaining is the org's", async () => {
    const clock = new VirtualClock(Math.ceil(Date.UTC(2026, 10, 29) / WINDOW) * WINDOW + 7_000);
    const g = governor(clock, { share: 0.5 });
    // Latency across window ends: requests sent in one window land in the next.
    const bucket = fakeBucket(clock, 100, { appCap: 50, latencyMs: 700 });
    await clock.run(Promise.all(Array.from({ length: 260 }, () => g.run('GET /api/v1/users', () => bucket.call()))));
    expect(bucket.starts).toHaveLength(260);
    for (const n of bucket.ours.values()) expect(n).toBeLessThanOrEqual(50);
    expect(g.stats.snapshot().rateLimited).toBe(0);
    // ...and close to the share: 260 at 50 a minute need about 5 windows, not many more.
    expect(bucket.starts.at(-1)! - bucket.starts[0]!).toBeLessThan(6 * WINDOW);
  });

  it('a raised share lets it use more; the org remaining still bounds it when others are busy', async () => {
    const clock = new VirtualClock(Math.ceil(Date.UTC(2026, 10, 29) / WINDOW) * WINDOW);
    const g = governor(clock, { share: 0.9 });
    const bucket = fakeBucket(clock, 100, { appCap: 90 });
    await clock.run(Promise.all(Array.from({ length: 200 }, () => g.run('GET /api/v1/groups', () => bucket.call()))));
    expect(Math.max(...bucket.ours.values())).toBeGreaterThan(80); // more than the SSWS reserve would allow
    for (const n of bucket.ours.values()) expect(n).toBeLessThanOrEqual(90);
    expect(g.stats.snapshot().rateLimited).toBe(0);

    const busy = fakeBucket(clock, 100, { appCap: 90, others: 70 });
    const g2 = governor(clock, { share: 0.9 });
    await clock.run(Promise.all(Array.from({ length: 60 }, () => g2.run('GET /api/v1/apps', () => busy.call()))));
    for (const n of busy.ours.values()) expect(n).toBeLessThanOrEqual(30);
    expect(g2.stats.snapshot().rateLimited).toBe(0);
  });

  it('rejects a share outside (0, 1]', () => {
    const clock = new VirtualClock();
    expect(() => governor(clock, { share: 0 })).toThrow(RangeError);
    expect(() => governor(clock, { share: 1.5 })).toThrow(RangeError);
  });

  it('paces the templates of one Okta bucket together, so together they keep the reserve', async () => {
    const clock = new VirtualClock(Math.ceil(Date.UTC(2026, 10, 29) / WINDOW) * WINDOW + 20_000);
    const g = governor(clock);
    // Policies and their rules are two templates but one Okta bucket (10 a minute: 8 for us).
    const bucket = fakeBucket(clock, 10, { latencyMs: 2000 });
    const keys = [
      'GET /api/v1/policies',
      'GET /api/v1/policies/{policyId}/rules',
      'GET /api/v1/policies/{policyId}/mappings',
    ];
    await clock.run(Promise.all(Array.from({ length: 30 }, (_, i) => g.run(keys[i % 3]!, () => bucket.call()))));
    for (const n of bucket.ours.values()) expect(n).toBeLessThanOrEqual(8);
    expect(g.stats.snapshot().rateLimited).toBe(0);
    expect(g.stats.snapshot().byEndpoint?.['GET /api/v1/policies/{policyId}/rules']?.requests).toBe(10);
  });

  it('on a 429 waits until the reset, then retries', async () => {
    const clock = new VirtualClock();
    const g = governor(clock, { jitterMs: 800 });
    const resetAt = Math.floor(clock.now() / 1000) * 1000 + 30_000;
    const calls: number[] = [];
    const value = await clock.run(
      g.run('GET /api/v1/apps', async (): Promise<Outcome<string>> => {
        calls.push(clock.now());
        if (calls.length === 1)
          return { kind: 'rate_limited', error: new Error('429'), rate: { limit: 50, remaining: 0, resetAt } };
        return { kind: 'done', value: 'ok', rate: { limit: 50, remaining: 49, resetAt: resetAt + WINDOW } };
      }),
    );
    expect(value).toBe('ok');
    expect(calls[1]).toBeGreaterThanOrEqual(resetAt);
    expect(calls[1]).toBeLessThanOrEqual(resetAt + 800);
    const s = g.stats.snapshot();
    expect(s.rateLimited).toBe(1);
    expect(s.rateLimitWaitMs).toBeGreaterThanOrEqual(resetAt - calls[0]!);
    expect(s.byEndpoint?.['GET /api/v1/apps']).toMatchObject({ requests: 2, rateLimited: 1 });
  });

  it('retries 5xx with exponential backoff, bounded', async () => {
    const clock = new VirtualClock();
    const g = governor(clock, { backoffBaseMs: 1000, maxRetries: 3 });
    const calls: number[] = [];
    const ok = await clock.run(
      g.run('GET /api/v1/zones', async (): Promise<Outcome<string>> => {
        calls.push(clock.now());
        return calls.length < 3 ? { kind: 'retry', error: new Error('503') } : { kind: 'done', value: 'ok' };
      }),
    );
    expect(ok).toBe('ok');
    // random 0.5 → ¾ of each ceiling: 1000 → 750, 2000 → 1500.
    expect([calls[1]! - calls[0]!, calls[2]! - calls[1]!]).toEqual([750, 1500]);

    const always: number[] = [];
    const failing = g.run('GET /api/v1/idps', async (): Promise<Outcome<string>> => {
      always.push(clock.now());
      return { kind: 'retry', error: new Error('502') };
    });
    await expect(clock.run(failing)).rejects.toBeInstanceOf(OktaUnavailableError);
    expect(always).toHaveLength(4);
    expect(g.stats.snapshot().retries).toBe(5);
  });

  it('never retries a failure the transport calls final (400, 403, 404)', async () => {
    const clock = new VirtualClock();
    const g = governor(clock);
    for (const status of [400, 403, 404]) {
      let calls = 0;
      const run = g.run(`GET /x/${status}`, async (): Promise<Outcome<never>> => {
        calls++;
        return { kind: 'fail', error: new OktaApiError(status, 'E0000001', 'no') };
      });
      await expect(clock.run(run)).rejects.toMatchObject({ status });
      expect(calls).toBe(1);
    }
  });

  it('never has more requests in flight than the concurrency cap, and uses it', async () => {
    const clock = new VirtualClock();
    const g = governor(clock, { concurrency: 5 });
    let inFlight = 0;
    let peak = 0;
    const endpoints = Array.from({ length: 12 }, (_, i) => `GET /api/v1/e${i}`);
    const work = endpoints.flatMap((key) =>
      Array.from({ length: 10 }, () =>
        g.run(key, async (): Promise<Outcome<void>> => {
          peak = Math.max(peak, ++inFlight);
          await clock.sleep(200);
          inFlight--;
          return {
            kind: 'done',
            value: undefined,
            rate: { limit: 10_000, remaining: 9_000, resetAt: clock.now() + WINDOW },
          };
        }),
      ),
    );
    await clock.run(Promise.all(work));
    expect(peak).toBe(5);
    expect(g.slots.peak).toBe(5);
  });

  it('sends one probe at a time to a bucket it knows nothing about', async () => {
    const clock = new VirtualClock();
    const g = governor(clock);
    let inFlight = 0;
    let peak = 0;
    await clock.run(
      Promise.all(
        Array.from({ length: 4 }, () =>
          g.run('GET /api/v1/no-headers', async (): Promise<Outcome<void>> => {
            peak = Math.max(peak, ++inFlight);
            await clock.sleep(50);
            inFlight--;
            return { kind: 'done', value: undefined };
          }),
        ),
      ),
    );
    expect(peak).toBe(1);
  });

  it('stops waiting when cancelled', async () => {
    const clock = new VirtualClock();
    const g = governor(clock);
    const ac = new AbortController();
    const resetAt = clock.now() + 50_000;
    const run = g.run(
      'GET /api/v1/brands',
      async (): Promise<Outcome<void>> => ({
        kind: 'rate_limited',
        error: new Error('429'),
        rate: { limit: 10, remaining: 0, resetAt },
      }),
      ac.signal,
    );
    setImmediate(() => ac.abort(new Error('cancelled')));
    await expect(clock.run(run)).rejects.toThrow('cancelled');
  });
});
