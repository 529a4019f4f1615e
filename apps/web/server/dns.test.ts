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
