import { describe, expect, it } from 'vitest';
import { timeAxis } from './time-axis.ts';

const t = (iso: string) => Date.parse(iso);

describe('timeAxis', () => {
  it('reads in minutes when every point is within an hour of one day', () => {
    const a = timeAxis([t('2026-12-06T10:02:00Z'), t('2026-12-06T10:20:00Z'), t('2026-12-06T10:41:00Z')]);
    expect(a.ticks.map((x) => x.label)).toEqual(['10:10', '10:20', '10:30', '10:40']);
  });

  it('reads in hours across a day, not the same date under every bar', () => {
    const a = timeAxis([t('2026-12-06T02:00:00Z'), t('2026-12-06T22:00:00Z')]);
    const labels = a.ticks.map((x) => x.label);
    expect(labels).toEqual(['06:00', '12:00', '18:00']);
    expect(labels.some((l) => l.includes('Dec'))).toBe(false);
  });

  it('names the day where an hourly axis crosses midnight', () => {
    const a = timeAxis([t('2026-12-06T20:00:00Z'), t('2026-12-07T09:00:00Z')]);
    expect(a.ticks.map((x) => x.label)).toEqual(['6 Dec 21:00', '7 Dec 00:00', '03:00', '06:00', '09:00']);
  });

  it('reads in days over weeks', () => {
    const a = timeAxis([t('2026-11-01T12:00:00Z'), t('2026-11-20T12:00:00Z')]);
    expect(a.ticks.map((x) => x.label)).toEqual(['5 Nov', '12 Nov', '19 Nov']);
  });

  it('puts ticks on round times of the viewer’s zone', () => {
    const a = timeAxis([t('2026-12-06T01:00:00Z'), t('2026-12-06T22:00:00Z')], 'Asia/Kolkata');
    expect(a.ticks[0]!.label).toMatch(/:00$/);
    expect(a.ticks.map((x) => new Date(x.at).getUTCMinutes())).toEqual(a.ticks.map(() => 30));
  });

  it('gives a single moment a minutes axis around it', () => {
    const a = timeAxis([t('2026-12-06T10:00:30Z')]);
    expect(a.min).toBeLessThan(t('2026-12-06T10:00:30Z'));
    expect(a.max).toBeGreaterThan(t('2026-12-06T10:00:30Z'));
    expect(a.ticks.length).toBeGreaterThan(1);
    expect(a.ticks.every((x) => /^\d\d:\d\d$/.test(x.label))).toBe(true);
  });
});
