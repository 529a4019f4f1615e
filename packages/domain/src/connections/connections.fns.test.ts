import { describe, expect, it } from 'vitest';
import { ZOrgUrl } from './connections.fns.ts';

describe('ZOrgUrl', () => {
  it('keeps an org URL as its origin, mapping the admin host to the org', () => {
    expect(ZOrgUrl.parse('https://acme-admin.okta.com/')).toBe('https://acme.okta.com');
    expect(ZOrgUrl.parse('https://acme.okta.com')).toBe('https://acme.okta.com');
  });

  it('accepts one path segment on loopback only: the simulator serves each org below its own path', () => {
    expect(ZOrgUrl.parse('http://127.0.0.1:4000/acme/')).toBe('http://127.0.0.1:4000/acme');
    expect(ZOrgUrl.parse('http://localhost:4000/acme')).toBe('http://localhost:4000/acme');
    for (const bad of [
      'https://acme.okta.com/acme',
      'http://127.0.0.1:4000/acme/api',
      'http://127.0.0.1:4000/acme?x=1',
      'http://acme.okta.com',
    ]) {
      expect(ZOrgUrl.safeParse(bad).success, bad).toBe(false);
    }
  });
});
