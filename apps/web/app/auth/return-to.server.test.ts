import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.server.ts';

const APP_URL = 'https://butterfly.example';

/** Where a browser would land if it followed `Location: <value>` from a page on APP_URL. */
const landing = (value: string) => new URL(value, `${APP_URL}/login`);

describe('safeReturnTo', () => {
  it.each([
    ['//evil.com'],
    ['/\\evil.com'],
    ['/.//evil.com'],
    ['/./\\evil.com'],
    ['/x/..//evil.com'],
    ['/%2e//evil.com'],
    ['\\\\evil.com'],
    ['/\t/evil.com'],
    ['/\n/evil.com'],
    ['/\r\n/evil.com'],
    ['\t//evil.com'],
    [' //evil.com'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://evil.com'],
    ['https:evil.com'],
    ['http://butterfly.example@evil.com/'],
    ['https://butterfly.example.evil.com/'],
    ['http://butterfly.example/'], // another scheme is another origin
    ['evil.com'],
    [''],
    ['/'.repeat(2_001)],
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value, APP_URL)).toBeNull();
  });

  it.each([
    ['/', '/'],
    ['/members', '/members'],
    ['/oauth/authorize?client_id=x&state=a%2Fb', '/oauth/authorize?client_id=x&state=a%2Fb'],
    ['/a/../members', '/members'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
    ['/%5Cevil.com', '/%5Cevil.com'],
    ['/members#frag', '/members'],
    ['https://butterfly.example/members?x=1', '/members?x=1'],
  ])('keeps %j as the local path %j', (value, path) => {
    expect(safeReturnTo(value, APP_URL)).toBe(path);
  });

  it('never returns anything that leaves the site when followed', () => {
    const tricky = [
      '/%2F%2Fevil.com',
      '/%5Cevil.com',
      '/a/../members',
      '/members#frag',
      '/;//evil.com',
      '/..%2F..%2F/evil.com',
    ];
    for (const value of tricky) {
      const kept = safeReturnTo(value, APP_URL);
      if (kept !== null) expect(landing(kept).origin).toBe(APP_URL);
    }
  });

  it('refuses anything but a string', () => {
    for (const value of [null, undefined, 42, ['/members'], { toString: () => '/members' }])
      expect(safeReturnTo(value, APP_URL)).toBeNull();
  });
});
