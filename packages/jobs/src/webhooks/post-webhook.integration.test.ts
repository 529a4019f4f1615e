import { OutboundError, createOutboundClient } from '@butterfly/outbound';
import { type Rogue, endless, rawAnswer, startHttpServer, startRawServer, trickle } from '@butterfly/outbound/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { postWebhook } from './post-webhook.ts';

// A webhook target is a URL a tenant typed in: whatever it answers ends this delivery attempt with
// one clear error. The policy allows exactly the rogue servers' address.
const client = createOutboundClient({
  allowPrivate: false,
  allowAddresses: ['127.0.0.1'],
  timeoutMs: 800,
  maxBytes: 100_000,
});
const rogues: Rogue[] = [];
afterAll(async () => {
  client.close();
  await Promise.all(rogues.map((r) => r.close()));
});
async function target(r: Promise<Rogue>) {
  const rogue = await r;
  rogues.push(rogue);
  return `${rogue.origin}/hook`;
}
const post = (url: string) => postWebhook(client, url, '{"event":"test"}', { 'x-butterfly-event': 'test' });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'delivered',
    (e: unknown) => (e instanceof OutboundError ? e.code : `not an OutboundError: ${String(e)}`),
  );

describe('postWebhook against a rogue receiver', () => {
  it.each([
    [
      'status 999',
      () => startRawServer(rawAnswer('HTTP/1.1 999 Nope\r\ncontent-length: 0\r\n\r\n')),
      'INVALID_RESPONSE',
    ],
    ['garbage bytes', () => startRawServer(rawAnswer('\u0000\u0001garbage\r\n\r\n')), 'INVALID_RESPONSE'],
    ['a body that trickles forever', () => startRawServer(trickle(50)), 'TIMEOUT'],
    ['an endless body', () => startRawServer(endless()), 'BODY_TOO_LARGE'],
    [
      'a private address it was not allowed',
      () => startHttpServer((_q, s) => s.end('ok'), '127.0.0.2'),
      'ADDRESS_REFUSED',
    ],
  ])('%s', async (_name, start, code) => {
    expect(await codeOf(post(await target(start())))).toBe(code);
  });

  it('does not follow a redirect: the 3xx is the answer, and the other server receives nothing', async () => {
    const other = await startHttpServer((_q, s) => s.end('ok'));
    rogues.push(other);
    const url = await target(startHttpServer((_q, s) => s.writeHead(307, { location: `${other.origin}/hook` }).end()));
    expect(await post(url)).toEqual({ status: 307, text: '' });
    expect(other.connections).toBe(0);
  });

  it('delivers to an honest receiver', async () => {
    let seen = '';
    const url = await target(
      startHttpServer((req, res) => {
        req.on('data', (c) => (seen += c));
        req.on('end', () => res.end('ok'));
      }),
    );
    expect(await post(url)).toEqual({ status: 200, text: 'ok' });
    expect(seen).toBe('{"event":"test"}');
  });
});
