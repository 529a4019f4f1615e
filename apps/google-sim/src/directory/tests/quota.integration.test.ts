import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let now = Date.parse('2026-01-05T10:00:00Z');
let h: TSimHarness;
beforeAll(async () => {
  h = await startSim({ clock: () => now });
});
afterAll(() => h.close());

describe('Directory quota and injected faults', () => {
  it('answers 403 userRateLimitExceeded past the per-minute quota, and again after the minute turns', async () => {
    const token = await h.saToken();
    await h.control('PATCH', '/settings', { directoryQueriesPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await h.api('/admin/directory/v1/customers/my_customer', token)).status).toBe(200);
    const limited = await h.api('/admin/directory/v1/customers/my_customer', token);
    expect(limited.status).toBe(403);
    expect(await limited.json()).toMatchObject({
      error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded' }] },
    });
    now += 60_000;
    expect((await h.api('/admin/directory/v1/customers/my_customer', token)).status).toBe(200);
    await h.control('PATCH', '/settings', { directoryQueriesPerMinute: 2400 });
  });

  it('serves injected 403 quotaExceeded / userRateLimitExceeded for as many calls as asked', async () => {
    const token = await h.saToken();
    expect((await h.control('POST', '/faults', { api: 'directory', reason: 'quotaExceeded', count: 2 })).status).toBe(
      201,
    );
    for (let i = 0; i < 2; i++) {
      const res = await h.api('/admin/directory/v1/users?customer=my_customer', token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.errors[0].reason).toBe('quotaExceeded');
    }
    expect((await h.api('/admin/directory/v1/users?customer=my_customer', token)).status).toBe(200);
    await h.control('POST', '/faults', { api: 'directory', reason: 'userRateLimitExceeded', count: 5 });
    expect((await h.api('/admin/directory/v1/users?customer=my_customer', token)).status).toBe(403);
    expect((await h.control('DELETE', '/faults')).status).toBe(204);
    expect((await h.api('/admin/directory/v1/users?customer=my_customer', token)).status).toBe(200);
    const bad = await h.control('POST', '/faults', { api: 'nope', reason: 'x' });
    expect(bad.status).toBe(400);
  });
});
