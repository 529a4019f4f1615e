import { describe, expect, it } from 'vitest';
import { SLOW_REQUEST_MS, requestLogLevel } from './logger.ts';

describe('requestLogLevel', () => {
  it('puts healthy requests at debug, and 4xx, 5xx, client-gone (499) and slow ones at info', () => {
    expect(requestLogLevel(200, 12)).toBe('debug');
    expect(requestLogLevel(304, 3)).toBe('debug');
    expect(requestLogLevel(302, SLOW_REQUEST_MS)).toBe('debug');
    expect(requestLogLevel(200, SLOW_REQUEST_MS + 0.1)).toBe('info');
    for (const status of [400, 401, 404, 413, 429, 499, 500, 503])
      expect(requestLogLevel(status, 5), String(status)).toBe('info');
  });
});
