import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { DB, Kysely } from '@butterfly/db';
import { createKeyring } from '@butterfly/domain/crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});
// A public file served as the built app's are: a healthy request that is not a probe.
const clientDir = mkdtempSync(join(tmpdir(), 'bfy-request-log-'));
writeFileSync(join(clientDir, 'robots.txt'), 'User-agent: *\n');
const app = createApp({
  clientDir,
  db: {} as Kysely<DB>,
  log: pino({ level: 'info' }, sink),
  keyring: createKeyring(Buffer.alloc(32, 5)),
  https: false,
  web: { appUrl: 'http://localhost:3000', cookieSecret: 's', allowPrivateUrls: true },
});
const server = app.listen(0, '127.0.0.1');
afterAll(() =>
  new Promise<void>((done) => server.close(() => done())).then(() =>
    rmSync(clientDir, { recursive: true, force: true }),
  ),
);

describe('web request logs at info', () => {
  it('carry one line per 4xx/5xx request with its request id and a redacted URL, none for healthy ones', async () => {
    await new Promise((ok) => (server.listening ? ok(null) : server.once('listening', ok)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/robots.txt`)).status).toBe(200);
    const missing = await fetch(`${base}/nothing-here?token=S3cr3tV4lue&page=2`);
    expect(missing.status).toBe(404);
    await new Promise((ok) => setTimeout(ok, 50));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        method: 'GET',
        status: 404,
        path: '/nothing-here?token=[redacted]&page=2',
        requestId: missing.headers.get('x-request-id'),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('S3cr3tV4lue');
  });
});
