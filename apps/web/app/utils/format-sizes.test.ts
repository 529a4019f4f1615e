import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from './format.ts';

describe('sizes and durations', () => {
  it('reads like people write them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(null)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
