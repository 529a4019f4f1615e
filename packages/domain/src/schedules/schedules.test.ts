import { describe, expect, it } from 'vitest';
import { checkCron, cronFor, nextRun, retainedSnapshots } from './schedules.fns.ts';

describe('schedules', () => {
  it('maps frequencies to cron and computes the next run', () => {
    expect(nextRun(cronFor('daily'), 'UTC', new Date('2026-11-29T03:00:00Z')).toISOString()).toBe(
      '2026-11-30T02:07:00.000Z',
    );
    expect(nextRun(cronFor('hourly'), 'UTC', new Date('2026-11-29T03:00:00Z')).toISOString()).toBe(
      '2026-11-29T03:07:00.000Z',
    );
    expect(nextRun('0 9 * * 1-5', 'Europe/Berlin', new Date('2026-11-29T03:00:00Z')).toISOString()).toBe(
      '2026-11-30T08:00:00.000Z',
    );
  });

  it('refuses malformed and too frequent cron expressions', () => {
    expect(checkCron('*/5 * * * *')).toMatch(/15 minutes/);
    expect(checkCron('0 * *')).toMatch(/5 fields/);
    expect(checkCron('99 * * * *')).toBeDefined();
    expect(checkCron('*/30 * * * *')).toBeUndefined();
  });
});

describe('grandfather-father-son retention', () => {
  const hourlyFor = (hours: number) =>
    Array.from({ length: hours }, (_, i) => ({
      id: `s${i}`,
      at: new Date(Date.UTC(2026, 10, 29, 23) - i * 3_600_000),
    }));

  it('keeps the newest per hour, day, week and month up to each count', () => {
    const snaps = hourlyFor(24 * 90);
    const kept = retainedSnapshots(snaps, { hourly: 24, daily: 7, weekly: 4, monthly: 3 });
    // 24 hourly; days 2..7 add 6; weeks and months add older ones.
    expect(kept.has('s0')).toBe(true);
    expect(kept.has('s23')).toBe(true);
    expect(kept.has('s24')).toBe(true); // newest of the day before
    expect(kept.has('s25')).toBe(false);
    expect(kept.size).toBeGreaterThanOrEqual(24 + 6);
    expect(kept.size).toBeLessThanOrEqual(24 + 6 + 4 + 3);
  });

  it('keeps every snapshot of the hour before the newest, so a backup right after another replaces nothing', () => {
    const at = (min: number) => new Date(Date.UTC(2026, 10, 29, 23, min));
    const snaps = [
      { id: 'scheduled', at: at(7) },
      { id: 'manual', at: at(20) },
      { id: 'manual-again', at: at(50) },
      { id: 'hours-ago', at: new Date(at(7).getTime() - 3 * 3_600_000) },
    ];
    const kept = retainedSnapshots(snaps, { hourly: 1, daily: 0, weekly: 0, monthly: 0 });
    expect([...kept].sort()).toEqual(['manual', 'manual-again', 'scheduled']);
  });

  it('always keeps the newest, even with zero counts', () => {
    expect([...retainedSnapshots(hourlyFor(5), { hourly: 0, daily: 0, weekly: 0, monthly: 0 })]).toEqual(['s0']);
  });
});
