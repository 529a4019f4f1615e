import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatRelative } from './time.ts';

describe('time', () => {
  it('shows a time to the second with its zone, UTC by default', () => {
    expect(formatAbsolute('2026-11-29T10:05:07.000Z')).toBe('29 Nov 2026, 10:05:07 UTC');
  });

  it('shows the same instant in the viewer’s zone when given one', () => {
    expect(formatAbsolute('2026-11-29T10:05:07.000Z', 'Asia/Tokyo')).toBe('29 Nov 2026, 19:05:07 GMT+9');
    expect(formatAbsolute('2026-07-01T23:30:00.000Z', 'Europe/Berlin')).toBe('2 Jul 2026, 01:30:00 CEST');
  });

  it('says how long ago in the unit people read', () => {
    const now = new Date('2026-12-06T12:00:00.000Z');
    expect(formatRelative('2026-12-06T11:59:55.000Z', now)).toBe('just now');
    expect(formatRelative('2026-12-06T11:59:15.000Z', now)).toBe('45 s ago');
    expect(formatRelative('2026-12-06T11:57:00.000Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-12-06T09:30:00.000Z', now)).toBe('2 h ago');
    expect(formatRelative('2026-12-05T12:00:00.000Z', now)).toBe('1 day ago');
    expect(formatRelative('2026-12-01T12:00:00.000Z', now)).toBe('5 days ago');
    expect(formatRelative('2026-06-01T12:00:00.000Z', now)).toBe('6 months ago');
    expect(formatRelative('2026-12-06T12:05:00.000Z', now)).toBe('in 5 min');
  });
});
