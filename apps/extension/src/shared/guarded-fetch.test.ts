import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockedRequestError, guardedFetch } from './guarded-fetch.ts';

afterEach(() => vi.unstubAllGlobals());

describe('guardedFetch', () => {
  it('sends to allowed origins only, without redirects, cookies or referrer unless asked', async () => {
    const calls: [URL, RequestInit][] = [];
    vi.stubGlobal('fetch', async (u: URL, init: RequestInit) => {
      calls.push([u, init]);
      return new Response('{}');
    });
    const send = guardedFetch(() => ['https://butterfly.example.com']);
    await send('https://butterfly.example.com/api/trpc/me.get', { method: 'GET' });
    expect(calls[0]![0].href).toBe('https://butterfly.example.com/api/trpc/me.get');
    expect(calls[0]![1]).toMatchObject({
      method: 'GET',
      redirect: 'error',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    for (const elsewhere of [
      'https://evil.example.com/x',
      'http://butterfly.example.com/x',
      'https://butterfly.example.com:8443/x',
      'https://butterfly.example.com.evil.io/x',
    ]) {
      await expect(send(elsewhere)).rejects.toBeInstanceOf(BlockedRequestError);
    }
    expect(calls).toHaveLength(1);
  });

  it('reads the allowed origins at each request (connecting or disconnecting changes them)', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}'));
    let allowed: string[] = [];
    const send = guardedFetch(async () => allowed);
    await expect(send('https://acme-admin.okta.com/api/v1/users/00u1')).rejects.toThrow(
      /only to the admin console and to Butterfly/,
    );
    allowed = ['https://acme-admin.okta.com'];
    await expect(
      send('https://acme-admin.okta.com/api/v1/users/00u1', { credentials: 'same-origin' }),
    ).resolves.toBeInstanceOf(Response);
  });
});

/** Every source file of the extension, tests and build script aside. */
function* sources(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.ts$/.test(n) && !/\.test\.ts$/.test(n)) yield p;
  }
}

describe('the network door', () => {
  it('is the only code that can send anything', () => {
    const src = join(import.meta.dirname, '..');
    const network =
      /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|new\s+Image\s*\(|\.src\s*=|chrome\.identity|navigator\.connection/;
    const offenders = [...sources(src)]
      .filter((f) => !f.endsWith('guarded-fetch.ts') && network.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});
