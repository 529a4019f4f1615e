import { expect, test } from 'vitest';
import { RateLimiter } from './limiter.ts';

test('one-minute windows per bucket, scaled, with the reset at the end of the window', () => {
  let now = Date.UTC(2026, 0, 1, 0, 0, 10);
  const limiter = new RateLimiter(() => now, 0.02); // /api/v1/apps: 100 → 2
  const done = (path: string) => {
    const admission = limiter.admit('GET', path);
    if (admission.ok) admission.release();
    return admission;
  };
  const [a, b, c] = [done('/api/v1/apps'), done('/api/v1/apps'), done('/api/v1/apps')];
  expect([a.ok, b.ok, c.ok]).toEqual([true, true, false]);
  expect(c.headers).toEqual({ 'x-rate-limit-limit': '2', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Date.UTC(2026, 0, 1, 0, 1) / 1000) });
  expect(done('/api/v1/apps/0oa1').ok).toBe(true); // another bucket
  now += 50_000;
  expect(done('/api/v1/apps').ok).toBe(true);
  // The busiest window admitted its two; the refused third does not count.
  expect(limiter.snapshot().buckets['/api/v1/apps']).toEqual({ requests: 4, limited: 1, limit: 2, peakWindow: 2 });
});

test('requests in flight count against the concurrency cap until released', () => {
  const limiter = new RateLimiter(() => 0, 0.02); // 75 → 2 concurrent
  const first = limiter.admit('GET', '/api/v1/users');
  const second = limiter.admit('GET', '/api/v1/users');
  const third = limiter.admit('GET', '/api/v1/users');
  expect(third).toMatchObject({ ok: false, reason: 'concurrency' });
  if (first.ok) first.release();
  if (first.ok) first.release(); // releasing twice is harmless
  expect(limiter.admit('GET', '/api/v1/users').ok).toBe(true);
  expect(limiter.snapshot()).toMatchObject({ maxConcurrency: 2, concurrencyLimited: 1, inFlight: 2 });
  expect(second.ok).toBe(true);
});
