import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { createKeyring } from '@butterfly/domain/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { routeBuild } from './testing/route-build.ts';

const { db } = await useTestDatabase();
const log = createLogger('web-test', 'silent');
const keyring = createKeyring(Buffer.alloc(32, 7));

const html = `<!DOCTYPE html><html><body>${'<p>Butterfly backs up identity provider configuration.</p>'.repeat(200)}</body></html>`;
const script = `export const x = ${JSON.stringify('a'.repeat(5000))};`;
const json = { items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `object ${i}` })) };

const build = routeBuild({
  page: { path: 'page', module: { default: () => null } },
  data: { path: 'data.json', module: { loader: () => Response.json(json) } },
  events: {
    path: 'events',
    module: {
      loader: () => new Response(`data: ${'x'.repeat(4000)}\n\n`, { headers: { 'Content-Type': 'text/event-stream' } }),
    },
  },
  binary: {
    path: 'blob',
    module: {
      loader: () => new Response(new Uint8Array(4000), { headers: { 'Content-Type': 'application/octet-stream' } }),
    },
  },
});
build.entry.module.default = (_request, status, headers) => {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(html, { status, headers });
};

const clientDir = mkdtempSync(join(tmpdir(), 'bfy-web-gzip-'));
mkdirSync(join(clientDir, 'assets'));
writeFileSync(join(clientDir, 'assets', 'root-Zz9.js'), script);
writeFileSync(join(clientDir, 'assets', 'tiny-Yy8.js'), 'export {};');
// Far past zlib's 16 KiB buffer, and not very compressible: write() says "wait" many times over.
const big = Array.from({ length: 60_000 }, (_, i) => `x${(i * 2654435761) % 1_000_003};`).join('\n');
writeFileSync(join(clientDir, 'assets', 'big-Xx7.js'), big);
writeFileSync(join(clientDir, 'assets', 'root-Zz9.css'), `body{color:red}${'.a{margin:0}'.repeat(400)}`);
writeFileSync(join(clientDir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(500)}</svg>`);
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

const app = createApp({
  db,
  log,
  keyring,
  https: false,
  web: { appUrl: 'http://localhost:3000', cookieSecret: 'test-cookie-secret', allowPrivateUrls: true },
  clientDir,
  build,
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** fetch() would decode the body itself and hide the encoding: read the raw bytes with node's http. */
async function raw(path: string, acceptEncoding?: string, method = 'GET') {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        `${base}${path}`,
        { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

const decode = (r: Awaited<ReturnType<typeof raw>>) =>
  (r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body
  ).toString();

describe('compression', () => {
  it.each([
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip, deflate'],
  ])('answers HTML pages in %s, not cached as immutable', async (encoding, accept) => {
    const res = await raw('/page', accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body.length).toBeLessThan(html.length / 5);
    expect(decode(res)).toBe(html);
    expect(String(res.headers['cache-control'] ?? '')).not.toContain('immutable');
  });

  it('compresses JSON, hashed scripts and styles, and SVG; assets keep their immutable caching', async () => {
    const data = await raw('/data.json', 'br');
    expect(data.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(data))).toEqual(json);

    const js = await raw('/assets/root-Zz9.js', 'gzip, br');
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(js)).toBe(script);
    // A strong ETag names the identity bytes; the compressed body gets a weak one.
    expect(js.headers.etag).toMatch(/^W\//);

    const css = await raw('/assets/root-Zz9.css', 'gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(decode(css)).toMatch(/^body\{color:red\}/);

    const svg = await raw('/favicon.svg', 'gzip');
    expect(svg.headers['content-encoding']).toBe('gzip');
    expect(svg.headers['cache-control']).not.toContain('immutable');
  });

  it('streams a large file through the compressor to the end (backpressure)', async () => {
    for (const accept of ['br', 'gzip']) {
      const res = await raw('/assets/big-Xx7.js', accept);
      expect(res.headers['content-encoding']).toBe(accept);
      expect(decode(res)).toBe(big);
    }
  });

  it('sends bodies as they are without Accept-Encoding, but still says they vary by it', async () => {
    const res = await raw('/page');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body.toString()).toBe(html);
  });

  it('leaves small bodies (by Content-Length), event streams, binary files and HEAD alone', async () => {
    for (const path of ['/assets/tiny-Yy8.js', '/events', '/blob']) {
      const res = await raw(path, 'gzip, br');
      expect(res.status, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBeUndefined();
    }
    expect((await raw('/events', 'br')).body.toString()).toMatch(/^data: x+/);
    const head = await raw('/assets/root-Zz9.js', 'br', 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.body.length).toBe(0);
  });

  it('keeps the security headers on compressed answers', async () => {
    const res = await raw('/page', 'br');
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
