import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRetryAfter } from './errors.ts';
import { ButterflyError, createButterflyClient } from './index.ts';

// The client's own behaviour against a stand-in server speaking tRPC's HTTP envelope: retries, their
// bounds, and errors as stable codes. (The real API is the package test's, package.integration.test.ts.)
type Reply = { status: number; headers?: Record<string, string>; body: unknown };
let replies: Reply[] = [];
const seen: { method: string; url: string; authorization: string | undefined }[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
  const r = replies.shift() ?? {
    status: 500,
    body: {
      error: { message: 'no reply queued', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } },
    },
  };
  res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers }).end(JSON.stringify(r.body));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const ok = (data: unknown): Reply => ({ status: 200, body: { result: { data } } });
const trpcError = (status: number, code: string, domainCode?: string, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: {
    error: {
      message: `${code} here`,
      code: -32000,
      data: { code, httpStatus: status, ...(domainCode ? { domainCode } : {}) },
    },
  },
});
const client = (retry?: { attempts?: number; maxDelayMs?: number }) =>
  createButterflyClient({ url, token: 'bfy_test', ...(retry ? { retry } : {}) });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as ButterflyError;
  }
  throw new Error('expected the call to fail');
};

describe('createButterflyClient', () => {
  it('calls /api/trpc with the token: queries GET, mutations POST', async () => {
    seen.length = 0;
    replies = [ok([{ id: 'c1' }]), ok({ alreadyRunning: false, jobId: '7' })];
    expect(await client().connections.list.query()).toEqual([{ id: 'c1' }]);
    expect(await client().backups.run.mutate({ connectionId: 'c1' })).toEqual({ alreadyRunning: false, jobId: '7' });
    expect(seen.map((s) => `${s.method} ${s.url.split('?')[0]} ${s.authorization}`)).toEqual([
      'GET /api/trpc/connections.list Bearer bfy_test',
      'POST /api/trpc/backups.run Bearer bfy_test',
    ]);
  });

  it("retries 429 after the server's Retry-After, then answers", async () => {
    seen.length = 0;
    replies = [
      trpcError(429, 'TOO_MANY_REQUESTS', 'RATE_LIMITED', { 'retry-after': '1' }),
      ok({ tenant: { slug: 'acme' } }),
    ];
    const started = Date.now();
    expect(await client().me.get.query()).toEqual({ tenant: { slug: 'acme' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it('gives up after the attempts with the stable code: 503 → UNAVAILABLE', async () => {
    seen.length = 0;
    const unavailable = { status: 503, headers: { 'retry-after': '0' }, body: { error: 'unavailable' } };
    replies = [unavailable, unavailable, unavailable, unavailable];
    const e = await failure(client({ attempts: 2 }).connections.list.query());
    expect(e).toBeInstanceOf(ButterflyError);
    expect({ code: e.code, status: e.status, procedure: e.procedure }).toEqual({
      code: 'UNAVAILABLE',
      status: 503,
      procedure: 'connections.list',
    });
    expect(seen).toHaveLength(3);
    replies = [];
  });

  it('does not wait longer than maxDelayMs: a long Retry-After fails at once, saying how long', async () => {
    seen.length = 0;
    replies = [trpcError(429, 'TOO_MANY_REQUESTS', 'RATE_LIMITED', { 'retry-after': '120' })];
    const started = Date.now();
    const e = await failure(client().audit.list.query());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect({ code: e.code, status: e.status, retryAfterMs: e.retryAfterMs }).toEqual({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfterMs: 120_000,
    });
    expect(seen).toHaveLength(1);
  });

  it("surfaces the API's domain code, else tRPC's code mapped, else the body's code; NETWORK when nothing answers", async () => {
    replies = [
      trpcError(409, 'CONFLICT', 'CONNECTION_PAUSED'),
      trpcError(401, 'UNAUTHORIZED'),
      { status: 413, body: { error: 'payload_too_large', code: 'PAYLOAD_TOO_LARGE' } },
    ];
    expect((await failure(client().backups.run.mutate({ connectionId: 'c1' }))).code).toBe('CONNECTION_PAUSED');
    expect((await failure(client().me.get.query())).code).toBe('UNAUTHENTICATED');
    expect((await failure(client().me.get.query())).code).toBe('PAYLOAD_TOO_LARGE');
    const down = await failure(createButterflyClient({ url: 'http://127.0.0.1:1', token: 'bfy_x' }).me.get.query());
    expect({ code: down.code, status: down.status }).toEqual({ code: 'NETWORK', status: undefined });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
