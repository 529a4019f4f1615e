import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { bearer, call, ssws, startSeeded, testClock } from '../../test/api.ts';

const clock = testClock();
let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  // Scale 0.05: the apps bucket allows 5 calls a minute, 4 requests may be in flight.
  ctx = await startSeeded({ clock: clock.now, rateScale: 0.05 });
});
afterAll(() => ctx.sim.close());
afterEach(async () => {
  clock.advance(60_000);
  await fetch(`${ctx.sim.url}/_sim/orgs/acme/stats`, { method: 'DELETE' });
});

const stats = async (): Promise<any> => (await fetch(`${ctx.sim.url}/_sim/orgs/acme/stats`)).json();

test('every answer carries its bucket limit, what remains, and the reset time (epoch seconds)', async () => {
  const ok = await call(`${ctx.org}/api/v1/users?limit=1`, { auth: ssws(ctx.token) });
  const missing = await call(`${ctx.org}/api/v1/users/00unope`, { auth: ssws(ctx.token) });
  const unauthenticated = await call(`${ctx.org}/api/v1/apps`);
  const minuteEnd = (Math.floor(clock.now() / 60_000) + 1) * 60;
  for (const res of [ok, missing, unauthenticated]) {
    expect(Number(res.headers.get('x-rate-limit-limit'))).toBeGreaterThan(0);
    expect(res.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBe(minuteEnd);
  }
  expect(ok.headers.get('x-rate-limit-limit')).toBe('30'); // /api/v1/users: 600 a minute, scaled
  expect(missing.headers.get('x-rate-limit-limit')).toBe('100'); // /api/v1/users/{id}: 2000 a minute
});

test('an exhausted bucket answers 429 E0000047 until the window resets; other buckets are unaffected', async () => {
  const auth = ssws(ctx.token);
  const remaining: string[] = [];
  for (let i = 0; i < 5; i++)
    remaining.push((await call(`${ctx.org}/api/v1/apps`, { auth })).headers.get('x-rate-limit-remaining')!);
  expect(remaining).toEqual(['4', '3', '2', '1', '0']);
  const limited = await call(`${ctx.org}/api/v1/apps`, { auth });
  expect(limited.status).toBe(429);
  expect(limited.body).toMatchObject({
    errorCode: 'E0000047',
    errorSummary: 'API call exceeded rate limit due to too many requests.',
  });
  expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
  expect((await call(`${ctx.org}/api/v1/groups`, { auth })).status).toBe(200);

  const reset = Number(limited.headers.get('x-rate-limit-reset')) * 1000;
  clock.advance(reset - clock.now() - 1);
  expect((await call(`${ctx.org}/api/v1/apps`, { auth })).status).toBe(429);
  clock.advance(1);
  const again = await call(`${ctx.org}/api/v1/apps`, { auth });
  expect(again.status).toBe(200);
  expect(again.headers.get('x-rate-limit-remaining')).toBe('4');

  const s = await stats();
  expect(s.buckets['/api/v1/apps']).toMatchObject({ requests: 8, limited: 2, limit: 5 });
  expect(s.limited).toBe(2);
});

test('more concurrent requests than the cap are refused with 429', async () => {
  const slow = await startSeeded({ clock: clock.now, rateScale: 0.05, latencyMs: 250 });
  try {
    const auth = ssws(slow.token);
    const answers = await Promise.all(Array.from({ length: 12 }, () => call(`${slow.org}/api/v1/groups`, { auth })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
    expect(answers.find((a) => a.status === 429)!.body.errorCode).toBe('E0000047');
    const s: any = await (await fetch(`${slow.sim.url}/_sim/orgs/acme/stats`)).json();
    expect(s).toMatchObject({ concurrencyLimit: 4, maxConcurrency: 4, concurrencyLimited: 8, inFlight: 0 });
  } finally {
    await slow.sim.close();
  }
});

test('an OAuth service app gets 429 once it passes its share of a bucket (50 % by default, set per app)', async () => {
  const auth = await bearer(ctx.sim, 'acme', 'okta.apps.read', clock.now());
  const { clientId } = ctx.sim.orgs.serviceAppKey('acme');
  // /api/v1/apps: 5 a minute at this scale; the app's 50 % is 2.
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await call(`${ctx.org}/api/v1/apps`, { auth }));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
  // The app's view: the bucket's limit and reset, and what the app itself may still send.
  expect(answers.map((a) => a.headers.get('x-rate-limit-remaining'))).toEqual(['1', '0', '0']);
  expect(answers.map((a) => a.headers.get('x-rate-limit-limit'))).toEqual(['5', '5', '5']);
  expect(answers[2]!.body.errorCode).toBe('E0000047');
  // The org's bucket still has room for everyone else.
  const other = await call(`${ctx.org}/api/v1/apps`, { auth: ssws(ctx.token) });
  expect(other.status).toBe(200);
  expect(other.headers.get('x-rate-limit-remaining')).toBe('2');
  expect((await stats()).apps[clientId]).toMatchObject({
    share: 50,
    limited: 1,
    overShare: 1,
    buckets: { '/api/v1/apps': { peakWindow: 2, cap: 2, limit: 5 } },
  });

  // The admin raises the app's share: the next window allows it 4 of the 5.
  const put = await fetch(`${ctx.sim.url}/_sim/orgs/acme/clients/${clientId}/rate-limit-share`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ percent: 80 }),
  });
  expect(put.status).toBe(200);
  clock.advance(60_000);
  const raised = [];
  for (let i = 0; i < 5; i++) raised.push((await call(`${ctx.org}/api/v1/apps`, { auth })).status);
  expect(raised).toEqual([200, 200, 200, 200, 429]);
  const bad = await fetch(`${ctx.sim.url}/_sim/orgs/acme/clients/${clientId}/rate-limit-share`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ percent: 0 }),
  });
  expect(bad.status).toBe(400);
});
