import { describe, expect, it } from 'vitest';
import { checkCsrf } from './csrf.ts';

const app = 'https://bfy.example.com';

describe('checkCsrf', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(checkCsrf({ method: 'GET', origin: 'https://evil.test', secFetchSite: 'cross-site' }, app)).toEqual({
      ok: true,
    });
    expect(checkCsrf({ method: 'HEAD' }, app).ok).toBe(true);
  });

  it('accepts a mutation whose Origin is the app', () => {
    expect(checkCsrf({ method: 'POST', origin: app, secFetchSite: 'same-origin' }, app)).toEqual({ ok: true });
  });

  it('refuses a mutation from another origin, including look-alikes and null', () => {
    for (const origin of [
      'https://evil.test',
      'https://bfy.example.com.evil.test',
      'http://bfy.example.com',
      'https://bfy.example.com:444',
      'null',
    ]) {
      expect(checkCsrf({ method: 'POST', origin }, app).ok, origin).toBe(false);
    }
  });

  it('falls back to Referer only when Origin is absent', () => {
    expect(checkCsrf({ method: 'POST', referer: `${app}/members` }, app).ok).toBe(true);
    expect(checkCsrf({ method: 'POST', referer: 'https://evil.test/?https://bfy.example.com/' }, app).ok).toBe(false);
    expect(checkCsrf({ method: 'POST', referer: 'not a url' }, app).ok).toBe(false);
    expect(checkCsrf({ method: 'POST', origin: 'https://evil.test', referer: `${app}/` }, app).ok).toBe(false);
  });

  it('refuses a mutation with neither Origin nor Referer', () => {
    expect(checkCsrf({ method: 'DELETE' }, app)).toEqual({ ok: false, reason: 'neither Origin nor Referer' });
  });

  it('refuses Sec-Fetch-Site: cross-site even with a matching Origin', () => {
    expect(checkCsrf({ method: 'POST', origin: app, secFetchSite: 'cross-site' }, app)).toEqual({
      ok: false,
      reason: 'Sec-Fetch-Site is cross-site',
    });
  });
});
