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
  expect(c.headers).toEqual({
    'x-rate-limit-limit': '2',
    'x-rate-limit-remaining': '0',
    'x-rate-limit-reset': String(Date.UTC(2026, 0, 1, 0, 1) / 1000),
  });
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

test('an OAuth app gets 429 once it passes its share of a bucket, with headers that show what it may still send', () => {
  let now = Date.UTC(2026, 0, 1, 0, 0, 10);
  const limiter = new RateLimiter(() => now, 0.04); // /api/v1/apps: 100 → 4; an app's default 50 % → 2
  const done = (app?: string) => {
    const admission = limiter.admit('GET', '/api/v1/apps', app);
    if (admission.ok) admission.release();
    return admission;
  };
  const reset = String(Date.UTC(2026, 0, 1, 0, 1) / 1000);
  const first = done('0oaService');
  expect(first).toMatchObject({
    ok: true,
    headers: { 'x-rate-limit-limit': '4', 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': reset },
  });
  expect(done('0oaService').headers['x-rate-limit-remaining']).toBe('0');
  const third = done('0oaService');
  expect(third).toMatchObject({
    ok: false,
    reason: 'rate',
    headers: { 'x-rate-limit-limit': '4', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
  });
  // The org still has room: an SSWS token (no app) and another app are not held back by this one.
  expect(done().ok).toBe(true);
  expect(done('0oaOther').ok).toBe(true);
  const stats = limiter.snapshot();
  expect(stats.apps['0oaService']).toEqual({
    share: 50,
    requests: 3,
    limited: 1,
    overShare: 1,
    buckets: { '/api/v1/apps': { requests: 3, limited: 1, peakWindow: 2, limit: 4, cap: 2 } },
  });
  expect(stats.buckets['/api/v1/apps']).toMatchObject({ requests: 5, limited: 1, peakWindow: 4 });
  // A new window gives the app its share again.
  now += 60_000;
  expect(done('0oaService').ok).toBe(true);
});

test("an app's share is configurable per app, and the org's own limit still rules", () => {
  const limiter = new RateLimiter(() => 0, 0.04); // /api/v1/apps: 4
  limiter.setAppShare('0oaService', 100);
  expect(() => limiter.setAppShare('0oaService', 0)).toThrow(RangeError);
  const oks = Array.from({ length: 5 }, () => {
    const a = limiter.admit('GET', '/api/v1/apps', '0oaService');
    if (a.ok) a.release();
    return a.ok;
  });
  expect(oks).toEqual([true, true, true, true, false]);
  expect(limiter.snapshot().apps['0oaService']).toMatchObject({ share: 100, limited: 1, overShare: 0 });
});
