import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { OutboundAddressError, createSafeFetch } from './safe-fetch.ts';

const server = createServer((req, res) => {
  if (req.url === '/big') return res.end('x'.repeat(2_000));
  if (req.url === '/moved') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ path: req.url, accept: req.headers.accept ?? null }));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const port = (server.address() as AddressInfo).port;

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('createSafeFetch', () => {
  it('refuses loopback, private and link-local hosts unless allowed', async () => {
    const strict = createSafeFetch({ allowPrivate: false });
    await expect(strict(`http://127.0.0.1:${port}/x`)).rejects.toBeInstanceOf(OutboundAddressError);
    await expect(strict(`http://[::1]:${port}/x`)).rejects.toThrow(/private, loopback or link-local/);
    await expect(strict('http://169.254.169.254/latest/meta-data/')).rejects.toBeInstanceOf(OutboundAddressError);
    await expect(strict(`http://[::ffff:127.0.0.1]:${port}/x`)).rejects.toBeInstanceOf(OutboundAddressError);
    const res = await createSafeFetch({ allowPrivate: true })(`http://127.0.0.1:${port}/x`, { headers: { accept: 'application/json' } });
    expect(await res.json()).toEqual({ path: '/x', accept: 'application/json' });
  });

  it('checks every address a name resolves to, before connecting', async () => {
    const mixed = createSafeFetch({ allowPrivate: false, lookup: resolvesTo('93.184.215.14', '10.0.0.7') });
    await expect(mixed(`http://idp.example.com:${port}/`)).rejects.toThrow(/10\.0\.0\.7/);
    const v6 = createSafeFetch({ allowPrivate: false, lookup: resolvesTo('fd12::1') });
    await expect(v6('https://idp.example.com/')).rejects.toBeInstanceOf(OutboundAddressError);
    await expect(createSafeFetch({ allowPrivate: false })('file:///etc/passwd')).rejects.toThrow(/not fetched/);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    let calls = 0;
    const rebinding = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    const res = await createSafeFetch({ allowPrivate: true, lookup: rebinding })(`http://idp.example.com:${port}/pinned`);
    expect(await res.json()).toMatchObject({ path: '/pinned' });
    expect(calls).toBe(1);
  });

  it('does not follow redirects and caps the body', async () => {
    const f = createSafeFetch({ allowPrivate: true, maxBytes: 1_000 });
    expect((await f(`http://127.0.0.1:${port}/moved`)).status).toBe(302);
    await expect(f(`http://127.0.0.1:${port}/big`)).rejects.toThrow(/more than 1000 bytes/);
  });
});
