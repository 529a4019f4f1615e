import { describe, expect, it } from 'vitest';
import { InstantClock } from '../test/instant-clock.ts';
import { batchRu } from './graph-http.ts';
import { RuGovernor, ruCost } from './ru-governor.ts';

describe('RU governor', () => {
  it('prices requests as Graph does: users 2, $select −1, $expand +1, never below 1', () => {
    expect(ruCost('GET', '/users')).toBe(2);
    expect(ruCost('GET', 'https://graph.microsoft.com/v1.0/users?$skiptoken=abc')).toBe(2);
    expect(ruCost('GET', '/users?$select=id,displayName')).toBe(1);
    expect(ruCost('GET', '/groups')).toBe(1);
    expect(ruCost('GET', '/groups/1/members?%24select=id')).toBe(1);
    expect(ruCost('GET', '/policies/roleManagementPolicies?$expand=rules')).toBe(2);
  });

  it('defaults to half of the smallest tenant bucket, and takes the tenant size and share', () => {
    const clock = new InstantClock();
    expect(new RuGovernor({ clock }).budget).toBe(1750);
    expect(new RuGovernor({ clock, tenantSize: 'large', share: 0.8 }).budget).toBe(6400);
    expect(() => new RuGovernor({ clock, share: 0 })).toThrow(RangeError);
  });

  it('keeps writes to its share of 3,000 per 2.5 minutes', async () => {
    const clock = new InstantClock();
    const g = new RuGovernor({ clock, ruPer10s: 1_000_000, share: 0.5 });
    const start = clock.now();
    for (let i = 0; i < 1500; i++) await g.admit(1, true);
    expect(clock.now()).toBe(start);
    await g.admit(1, true);
    expect(clock.now() - start).toBeGreaterThan(150_000);
  });

  it('stops for a window when Graph reports the limit reached, and for a Retry-After', async () => {
    const clock = new InstantClock();
    const g = new RuGovernor({ clock });
    const t = await g.admit(1, false);
    g.settle(t, { charged: 3, limitPercentage: 1.2 });
    expect(g.usedAt(clock.now())).toBe(3);
    const start = clock.now();
    await g.admit(1, false);
    expect(clock.now() - start).toBe(10_000);
    g.pauseAll(4000);
    await g.admit(1, false);
    expect(clock.now() - start).toBe(14_000);
  });
});

describe('$batch resource units', () => {
  it('sums what the sub-responses charged and keeps the highest throttle warning', () => {
    const res = (responses: unknown) => ({ status: 200, headers: new Headers(), body: { responses } });
    expect(
      batchRu(
        res([
          { id: '1', status: 200, headers: { 'x-ms-resource-unit': '1' } },
          { id: '2', status: 200, headers: { 'X-MS-Resource-Unit': '2', 'x-ms-throttle-limit-percentage': '0.9' } },
          { id: '3', status: 200, headers: { 'x-ms-resource-unit': '1', 'x-ms-throttle-limit-percentage': '0.85' } },
        ]),
      ),
    ).toEqual({ charged: 4, limitPercentage: 0.9 });
    // One sub-response without the header: the estimate stands.
    expect(
      batchRu(
        res([
          { id: '1', status: 404, headers: {} },
          { id: '2', headers: { 'x-ms-resource-unit': '1' } },
        ]),
      ),
    ).toEqual({});
  });
});
