import { afterAll, describe, expect, it } from 'vitest';
import { createTxtResolver } from './dns.ts';
import { startFakeDns } from './testing/fake-dns.ts';

const dns = await startFakeDns(new Map([['acme.test', ['butterfly-verification=abc', '123']]]));
afterAll(() => dns.close());

describe('createTxtResolver', () => {
  it('asks the configured server (BUTTERFLY_DNS_SERVER) for TXT records', async () => {
    const resolveTxt = createTxtResolver(dns.server);
    expect(await resolveTxt('acme.test')).toEqual([['butterfly-verification=abc', '123']]);
    await expect(resolveTxt('unknown.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('a DNS server that never answers', () => {
  it('ends at the deadline with ETIMEOUT', async () => {
    const { createSocket } = await import('node:dgram');
    const mute = createSocket('udp4'); // receives queries, answers none
    await new Promise<void>((ok) => mute.bind(0, '127.0.0.1', ok));
    afterAll(() => new Promise<void>((done) => mute.close(() => done())));
    const t0 = Date.now();
    await expect(
      createTxtResolver(`127.0.0.1:${mute.address().port}`, { deadlineMs: 300 })('acme.test'),
    ).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
