import { type Rogue, endless, rawAnswer, startHttpServer, startRawServer, trickle } from '@butterfly/outbound/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createOktaClient } from '../client.ts';
import { OktaError, OktaUnavailableError, OutboundRefusedError } from '../errors.ts';

// The Okta org URL is typed in by a tenant: whatever answers there ends the operation with one clear
// error. Real sockets, no msw: the address check lives in the connection's lookup. The policy allows
// exactly the rogue servers' address (127.0.0.1).
const rogues: Rogue[] = [];
afterAll(() => Promise.all(rogues.map((r) => r.close())));
const keep = async (r: Promise<Rogue>) => {
  const rogue = await r;
  rogues.push(rogue);
  return rogue;
};
const client = (
  orgUrl: string,
  opts: { lookup?: (h: string) => Promise<{ address: string; family: number }[]> } = {},
) =>
  createOktaClient(
    { provider: 'okta', orgUrl, credentials: { kind: 'ssws', token: 'ssws-token' } },
    { allowAddresses: ['127.0.0.1'], maxRetries: 1, backoffBaseMs: 1, jitterMs: 0, timeoutMs: 600, ...opts },
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('an Okta org URL pointing at a rogue server', () => {
  it.each([
    [
      'status 999',
      () => startRawServer(rawAnswer('HTTP/1.1 999 Nope\r\ncontent-length: 2\r\n\r\n{}')),
      /HTTP status 999/,
    ],
    ['garbage bytes', () => startRawServer(rawAnswer('\u0016\u0003\u0001garbage')), /valid HTTP/],
    ['a body that trickles forever', () => startRawServer(trickle(50)), /within 600 ms/],
  ])('%s: OktaUnavailableError after the bounded retries', async (_name, start, cause) => {
    const rogue = await keep(start());
    const e = await failure(client(rogue.origin).readObject({ type: 'org', id: 'default' }));
    expect(e).toBeInstanceOf(OktaUnavailableError);
    expect((e?.cause as Error | undefined)?.message).toMatch(cause);
  });

  it('an endless body: refused at the cap, not retried', async () => {
    const rogue = await keep(startRawServer(endless()));
    const e = await failure(
      createOktaClient(
        { provider: 'okta', orgUrl: rogue.origin, credentials: { kind: 'ssws', token: 't' } },
        { allowAddresses: ['127.0.0.1'], timeoutMs: 30_000 },
      ).readObject({ type: 'org', id: 'default' }),
    );
    expect(e).toBeInstanceOf(OktaError);
    expect(e?.message).toMatch(/more than \d+ bytes/);
    expect(rogue.connections).toBe(1);
  }, 60_000);

  it('a redirect is not followed: the other server receives nothing', async () => {
    const other = await keep(startHttpServer((_q, s) => s.end('{}')));
    const rogue = await keep(
      startHttpServer((_q, s) => s.writeHead(302, { location: `${other.origin}/api/v1/org` }).end()),
    );
    expect(await failure(client(rogue.origin).readObject({ type: 'org', id: 'default' }))).toBeInstanceOf(OktaError);
    expect(other.connections).toBe(0);
  });

  it('an org whose name resolves to a refused address is refused before any byte is sent, and testAccess says so', async () => {
    const inside = await keep(startHttpServer((_q, s) => s.end('{}'), '127.0.0.2'));
    const c = client(`http://acme.okta.test:${inside.port}`, {
      lookup: async () => [{ address: '127.0.0.2', family: 4 }],
    });
    const read = await failure(c.readObject({ type: 'org', id: 'default' }));
    expect(read).toBeInstanceOf(OutboundRefusedError);
    // The same stable code on both paths: a backup's read fails with it, the access test reports it.
    expect((read as OutboundRefusedError).code).toBe('ADDRESS_REFUSED');
    expect(await c.testAccess()).toMatchObject({
      ok: false,
      connected: false,
      code: 'ADDRESS_REFUSED',
      detail: expect.stringContaining('private, loopback or link-local'),
    });
    expect(inside.connections).toBe(0);
  });
});
