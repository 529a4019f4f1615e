import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { createKeyring } from '@butterfly/domain/crypto';
import type { Express } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { type AppDeps, createApp } from './app.ts';

const { db } = await useTestDatabase();
const log = createLogger('web-test', 'silent');
const keyring = createKeyring(Buffer.alloc(32, 7));

/** Serves the app on an ephemeral port for this file; returns its base URL. */
async function serve(overrides: Partial<AppDeps> = {}): Promise<string> {
  const web = { appUrl: 'http://localhost:3000', cookieSecret: 'test-cookie-secret', allowPrivateUrls: true };
  const app: Express = createApp({ db, log, keyring, https: false, web, ...overrides });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const base = await serve();

describe('GET /healthz', () => {
  it('answers 200 ok when the database answers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 when the database does not', async () => {
    const deadDb = createDb('postgres://nobody:x@127.0.0.1:1/none', { max: 1 });
    afterAll(() => deadDb.destroy());
    const res = await fetch(`${await serve({ db: deadDb, healthTimeoutMs: 1_000 })}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with process metrics and request durations by route group', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/members/0b9c2f4e-8a51-4b7f-9e1a-1c2d3e4f5a6b`); // 404 without the Remix build
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+$/m);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('0b9c2f4e');
  });
});

describe('static files', () => {
  it('serves hashed assets with immutable caching, grouped as one route in metrics', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'bfy-web-client-'));
    afterAll(() => rmSync(clientDir, { recursive: true, force: true }));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'assets', 'root-AbC123.js'), 'export {};');
    const url = await serve({ clientDir });

    const res = await fetch(`${url}/assets/root-AbC123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/_count\{method="GET",route="\/assets",status="200"\} 1$/m);
  });
});

describe('every response', () => {
  it.each(['/healthz', '/metrics', '/no-such-page'])('%s carries the security headers', async (path) => {
    const res = await fetch(`${base}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('gets a new CSP nonce each time', async () => {
    const nonce = async () =>
      (await fetch(`${base}/healthz`)).headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    const [a, b] = [await nonce(), await nonce()];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('carries HSTS when the public URL is https', async () => {
    const res = await fetch(`${await serve({ https: true })}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234abcd');
    const replaced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CSRF protection', () => {
  it('refuses a mutation from another origin before any route sees it', async () => {
    const res = await fetch(`${base}/api/trpc/sessions.endOthers`, {
      method: 'POST',
      headers: { origin: 'https://evil.test' },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Cross-site request refused');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
  });

  it('refuses a mutation without Origin or Referer, and a cross-site fetch', async () => {
    expect((await fetch(`${base}/logout`, { method: 'POST' })).status).toBe(403);
    const crossSite = await fetch(`${base}/logout`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('lets same-origin mutations and every GET through', async () => {
    // 404: past the guard, and no Remix build in this test.
    expect(
      (
        await fetch(`${base}/logout`, {
          method: 'POST',
          headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await fetch(`${base}/logout`, { method: 'POST', headers: { referer: 'http://localhost:3000/sessions' } }))
        .status,
    ).toBe(404);
    expect((await fetch(`${base}/healthz`, { headers: { origin: 'https://evil.test' } })).status).toBe(200);
  });
});
