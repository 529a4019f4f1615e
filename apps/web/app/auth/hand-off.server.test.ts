import { describe, expect, it } from 'vitest';
import { handOff, isFormNavigation } from './hand-off.server.ts';

const post = (headers: Record<string, string>) =>
  new Request('http://localhost:3000/login', { method: 'POST', headers });

describe('handOff', () => {
  it("answers Remix's fetch with a document redirect, unchanged from before", () => {
    const res = handOff(post({ 'sec-fetch-mode': 'cors' }), '/sso/acme/start?login_hint=a%40acme.test');
    if (!(res instanceof Response)) throw new Error('expected a redirect');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sso/acme/start?login_hint=a%40acme.test');
    expect(res.headers.get('x-remix-reload-document')).toBe('true');
    expect(res.headers.get('refresh')).toBeNull();
  });

  it.each([
    ['a form the browser submits itself', { 'sec-fetch-mode': 'navigate' }],
    ['a browser without Sec-Fetch headers', {}],
  ])('answers %s with a page that refreshes on, never a redirect (CSP form-action)', (_, headers) => {
    const cookies = new Headers();
    cookies.append('Set-Cookie', 'bfy_session=; Max-Age=0');
    const res = handOff(post(headers), 'https://idp.test/logout?id_token_hint=x', { headers: cookies });
    if (res instanceof Response) throw new Error(`expected the hand-off page, got ${res.status}`);
    const page = res as Extract<typeof res, { data: unknown }>;
    expect(page.data).toEqual({ handOff: 'https://idp.test/logout?id_token_hint=x' });
    const h = new Headers(page.init?.headers);
    expect(h.get('refresh')).toBe('0; url=https://idp.test/logout?id_token_hint=x');
    expect(h.get('cache-control')).toBe('no-store');
    expect(h.get('location')).toBeNull();
    expect(h.getSetCookie()).toEqual(['bfy_session=; Max-Age=0']);
  });

  it('tells navigations from fetches', () => {
    expect(isFormNavigation(post({ 'sec-fetch-mode': 'navigate' }))).toBe(true);
    expect(isFormNavigation(post({ 'sec-fetch-mode': 'same-origin' }))).toBe(false);
    expect(isFormNavigation(post({ 'sec-fetch-mode': 'cors' }))).toBe(false);
  });
});
