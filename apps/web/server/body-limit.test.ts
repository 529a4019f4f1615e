import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { createKeyring } from '@butterfly/domain/crypto';
import { createReadableStreamFromReadable } from '@remix-run/node';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { BODY_TOO_LARGE, bodyLimit, isBodyTooLarge } from './body-limit.ts';
import { postLargeBody } from '@butterfly/outbound/testing';

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const MiB = 1024 * 1024;
const ORIGIN = { origin: 'http://localhost:3000' };

describe('the web app refuses large bodies before reading them', () => {
  const app = createApp({
    db: {} as Kysely<DB>,
    log: createLogger('test', 'silent'),
    keyring: createKeyring(Buffer.alloc(32, 4)),
    https: false,
    web: { appUrl: 'http://localhost:3000', cookieSecret: 's', allowPrivateUrls: true },
  });
  const base = listen(app);

  it.each([
    '/login',
    '/oauth/token',
    '/oauth/revoke',
    '/sso/acme/backchannel-logout',
    '/sso/acme/universal-logout',
    '/recover/x',
  ])('%s: a declared 400 MB body is answered 413 at once, with a stable code', async (path) => {
    const rssBefore = process.memoryUsage().rss;
    const res = await postLargeBody(`${await base}${path}`, 400 * MiB, 400 * MiB, ORIGIN);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: BODY_TOO_LARGE });
    expect(res.sent, 'answered before any of the body was sent').toBe(0);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MiB);
  });

  it('allows the API a larger body than a form post, still bounded', async () => {
    expect((await postLargeBody(`${await base}/api/trpc/x`, 128 * 1024, 128 * 1024, ORIGIN)).status).toBe(404); // past the size check (no Remix build here)
    expect((await postLargeBody(`${await base}/api/trpc/x`, 8 * MiB, 8 * MiB, ORIGIN)).status).toBe(413);
  });

  it('still answers afterwards', async () => {
    expect((await fetch(`${await base}/metrics`)).status).toBe(200);
  });
});

describe('a chunked body is counted as the route reads it', () => {
  // The route reads the body exactly as Remix's express adapter does (a web stream over the request).
  const seen: { error?: unknown; bytes?: number }[] = [];
  const app = express();
  app.use(bodyLimit({ routes: [], defaultBytes: 64 * 1024 }));
  app.post('/read', async (req, res) => {
    try {
      const body = await new Request('http://x/read', {
        method: 'POST',
        body: createReadableStreamFromReadable(req),
        duplex: 'half',
      } as RequestInit).arrayBuffer();
      seen.push({ bytes: body.byteLength });
      res.json({ bytes: body.byteLength });
    } catch (error) {
      seen.push({ error });
      if (!res.headersSent) res.status(500).end();
    }
  });
  const base = listen(app);

  it('passes a small chunked body whole', async () => {
    const res = await postLargeBody(`${await base}/read`, 64 * 1024);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ bytes: 64 * 1024 });
  });

  it('answers 413 past the limit, stops reading, and fails the route read (never a truncated body)', async () => {
    seen.length = 0;
    const rssBefore = process.memoryUsage().rss;
    const res = await postLargeBody(`${await base}/read`, 400 * MiB);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: BODY_TOO_LARGE });
    expect(res.sent).toBeLessThan(50 * MiB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MiB);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]?.bytes).toBeUndefined();
    expect(isBodyTooLarge(seen[0]?.error)).toBe(true);
  });
});
