import { describe, expect, it } from 'vitest';
import { describeUserAgent, formatTime } from './format.ts';

describe('format', () => {
  it('names browsers and systems people recognise', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(describeUserAgent(null)).toBe('Unknown browser');
  });

  it('shows times in UTC, the same on server and browser', () => {
    expect(formatTime('2026-11-29T10:05:00.000Z')).toBe('29 Nov 2026, 10:05:00 UTC');
  });
});
