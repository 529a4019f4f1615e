import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutboundClient } from './client.ts';
import { type OutboundErrorCode, OutboundError } from './errors.ts';
import {
  type Rogue,
  endless,
  rawAnswer,
  silent,
  startHttpServer,
  startRawServer,
  trickle,
} from './testing/rogue-servers.ts';

// Loopback is private: the policy allows exactly the rogue servers' address (127.0.0.1) and still
// refuses every other one, 127.0.0.2 (also loopback on Linux) included.
const policy = { allowPrivate: false, allowAddresses: ['127.0.0.1'] };
const client = createOutboundClient({ ...policy, timeoutMs: 1_500, maxBytes: 100_000 });
const rogues: Rogue[] = [];
afterAll(async () => {
  client.close();
  await Promise.all(rogues.map((r) => r.close()));
});
const keep = async (r: Promise<Rogue>) => {
  const rogue = await r;
  rogues.push(rogue);
  return rogue;
};

/** The call fails with exactly this code, as a rejection of that call. */
async function refused(p: Promise<unknown>, code: OutboundErrorCode, message?: RegExp) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OutboundError);
  expect((e as OutboundError).code).toBe(code);
  if (message) expect((e as Error).message).toMatch(message);
}

describe('a rogue server gets one clear error, for that call only', () => {
  it.each([
    ['status 999', 'HTTP/1.1 999 Nope\r\ncontent-length: 2\r\n\r\n{}', /HTTP status 999/],
    ['status 600', 'HTTP/1.1 600 Nope\r\ncontent-length: 2\r\n\r\n{}', /HTTP status 600/],
    ['status 0', 'HTTP/1.1 0 Nope\r\ncontent-length: 2\r\n\r\n{}', /valid HTTP/],
    ['an informational status and then garbage', 'HTTP/1.1 150 Odd\r\n\r\nnot http at all', /valid HTTP/],
    ['garbage bytes', 'SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001\u0002garbage', /valid HTTP/],
    ['a header line that is not one', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /valid HTTP/],
  ])('%s', async (_name, bytes, message) => {
    const rogue = await keep(startRawServer(rawAnswer(bytes)));
    await refused(client.request(`${rogue.origin}/x`), 'INVALID_RESPONSE', message);
    // The same through the fetch face (what jose calls): no RangeError from building a Response.
    await refused(client.fetch(`${rogue.origin}/x`), 'INVALID_RESPONSE', message);
  });

  it('a connection closed before any answer, and one closed mid-body', async () => {
    const hangUp = await keep(startRawServer((s) => s.destroy()));
    await refused(client.request(`${hangUp.origin}/`), 'CONNECTION_FAILED');
    const cut = await keep(startRawServer(rawAnswer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"partial":')));
    await refused(client.request(`${cut.origin}/`), 'CONNECTION_FAILED', /before the body was complete/);
  });

  it('a body that trickles forever, and a server that never answers, end at the deadline', async () => {
    const slow = await keep(startRawServer(trickle(50)));
    const t0 = Date.now();
    await refused(client.request(`${slow.origin}/`, { timeoutMs: 600 }), 'TIMEOUT', /within 600 ms/);
    expect(Date.now() - t0).toBeLessThan(1_500);
    const mute = await keep(startRawServer(silent()));
    await refused(client.request(`${mute.origin}/`, { timeoutMs: 300 }), 'TIMEOUT');
  });

  it('an endless body, and one announced too large, stop at the cap', async () => {
    const flood = await keep(startRawServer(endless()));
    await refused(client.request(`${flood.origin}/`), 'BODY_TOO_LARGE', /more than 100000 bytes/);
    const big = await keep(startRawServer(rawAnswer('HTTP/1.1 200 OK\r\ncontent-length: 5000000\r\n\r\n')));
    await refused(client.request(`${big.origin}/`), 'BODY_TOO_LARGE', /announced 5000000 bytes/);
  });

  it('a compressed body is decoded under the same cap: a small gzip bomb is BODY_TOO_LARGE, a corrupt one INVALID_RESPONSE', async () => {
    const bomb = gzipSync(Buffer.alloc(10_000_000));
    expect(bomb.length).toBeLessThan(100_000);
    const gz = (body: Buffer) =>
      startRawServer(
        rawAnswer(
          Buffer.concat([
            Buffer.from(`HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${body.length}\r\n\r\n`),
            body,
          ]),
        ),
      );
    await refused(client.request(`${(await keep(gz(bomb))).origin}/`), 'BODY_TOO_LARGE', /more than 100000 bytes/);
    await refused(
      client.request(`${(await keep(gz(Buffer.from('not gzip at all')))).origin}/`),
      'INVALID_RESPONSE',
      /does not decode as gzip/,
    );
    const fine = await client.request(`${(await keep(gz(gzipSync('{"ok":true}')))).origin}/`);
    expect(fine.json()).toEqual({ ok: true });
    expect(fine.headers.get('content-encoding')).toBeNull();
  });

  it('answers normally otherwise, keeping the connection alive between calls', async () => {
    const ok = await keep(
      startHttpServer((req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })),
      ),
    );
    const a = await client.request(`${ok.origin}/one?x=1`);
    expect(a.status).toBe(200);
    expect(a.json()).toEqual({ path: '/one?x=1' });
    await client.request(`${ok.origin}/two`);
    expect(ok.connections).toBe(1);
    const res = await client.fetch(`${ok.origin}/three`);
    expect(await res.json()).toEqual({ path: '/three' });
  });

  it('a caller that cancels gets ABORTED', async () => {
    const mute = await keep(startRawServer(silent()));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await refused(client.request(`${mute.origin}/`, { signal: ac.signal }), 'ABORTED');
  });
});

describe('redirects', () => {
  it('a redirect loop ends at the hop limit', async () => {
    const loop = await keep(startHttpServer((req, res) => res.writeHead(302, { location: `/again${req.url}` }).end()));
    await refused(client.request(`${loop.origin}/`, { redirect: 'follow' }), 'TOO_MANY_REDIRECTS');
  });

  it('each hop is checked: a redirect to a refused address never connects there', async () => {
    const inside = await keep(startHttpServer((_req, res) => res.end('secret'), '127.0.0.2'));
    const jump = await keep(
      startHttpServer((_req, res) => res.writeHead(302, { location: `${inside.origin}/admin` }).end()),
    );
    await refused(client.request(`${jump.origin}/`, { redirect: 'follow' }), 'ADDRESS_REFUSED', /127\.0\.0\.2/);
    const metadata = await keep(
      startHttpServer((_req, res) =>
        res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      ),
    );
    await refused(
      client.request(`${metadata.origin}/`, { redirect: 'follow' }),
      'ADDRESS_REFUSED',
      /169\.254\.169\.254/,
    );
    expect(inside.connections).toBe(0);
  });

  it('a token request answered 307 goes nowhere else: the other server receives nothing', async () => {
    const elsewhere = await keep(startHttpServer((_req, res) => res.end('{"access_token":"stolen"}')));
    const token = await keep(
      startHttpServer((_req, res) => res.writeHead(307, { location: `${elsewhere.origin}/token` }).end()),
    );
    const body = 'grant_type=authorization_code&code=the-code';
    await refused(
      client.request(`${token.origin}/token`, { method: 'POST', body, headers: { authorization: 'Basic c2VjcmV0' } }),
      'REDIRECT_REFUSED',
      /HTTP 307/,
    );
    // Even asked to follow, a POST does not.
    await refused(
      client.request(`${token.origin}/token`, { method: 'POST', body, redirect: 'follow' }),
      'REDIRECT_REFUSED',
    );
    await refused(client.fetch(`${token.origin}/token`, { method: 'POST', body }), 'REDIRECT_REFUSED');
    expect(elsewhere.connections).toBe(0);
  });

  it('follows a GET to an allowed place, without the credentials when the origin changes; manual hands the 3xx back', async () => {
    let seen: string | undefined = 'unset';
    const target = await keep(
      startHttpServer((req, res) => {
        seen = req.headers.authorization;
        res.end('{"ok":true}');
      }),
    );
    const hop = await keep(
      startHttpServer((_req, res) => res.writeHead(302, { location: `${target.origin}/there` }).end()),
    );
    const res = await client.request(`${hop.origin}/`, { redirect: 'follow', headers: { authorization: 'Bearer x' } });
    expect(res.json()).toEqual({ ok: true });
    expect(res.url.href).toBe(`${target.origin}/there`);
    expect(seen).toBeUndefined();
    expect((await client.request(`${hop.origin}/`, { redirect: 'manual' })).status).toBe(302);
  });
});

describe('addresses', () => {
  it('refuses literals and names the policy does not allow, before any byte is sent', async () => {
    const other = await keep(startHttpServer((_req, res) => res.end('no'), '127.0.0.2'));
    await refused(client.request(other.origin), 'ADDRESS_REFUSED');
    await refused(client.request('http://[::1]:9/'), 'ADDRESS_REFUSED');
    await refused(client.request('http://[::ffff:7f00:2]:9/'), 'ADDRESS_REFUSED');
    const named = createOutboundClient({ ...policy, lookup: async () => [{ address: '127.0.0.2', family: 4 }] });
    await refused(
      named.request(`http://idp.example.test:${other.port}/`),
      'ADDRESS_REFUSED',
      /^idp\.example\.test resolves to a private, loopback or link-local address/,
    );
    const mixed = createOutboundClient({
      ...policy,
      lookup: async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
    await refused(
      mixed.request(`http://idp.example.test:${other.port}/`),
      'ADDRESS_REFUSED',
      /^(?!.*10\.0\.0\.7)idp\.example\.test resolves to/,
    );
    expect(other.connections).toBe(0);
    await refused(client.request('file:///etc/passwd'), 'URL_REFUSED');
    await refused(client.request('http://u:p@127.0.0.1:9/'), 'URL_REFUSED');
  });

  it('resolves once per connection and connects to the address it checked (no second DNS answer)', async () => {
    const ok = await keep(startHttpServer((_req, res) => res.end('{}')));
    let calls = 0;
    // A rebinding resolver: the first answer passes, any later one points inside.
    const rebinding = createOutboundClient({
      ...policy,
      lookup: async () => [{ address: calls++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }],
    });
    for (let i = 0; i < 3; i++)
      expect((await rebinding.request(`http://idp.example.test:${ok.port}/`)).status).toBe(200);
    expect(calls).toBe(1);
    rebinding.close();
  });

  it('a name that does not resolve is DNS_FAILED', async () => {
    await refused(createOutboundClient(policy).request('http://no-such-host.invalid/'), 'DNS_FAILED');
  });
});
