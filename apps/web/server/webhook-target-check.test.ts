import { describe, expect, it } from 'vitest';
import { webhookTargetCheck } from './webhook-target-check.ts';

/** Names resolve through this table: the real filter, without the network. */
const lookup = async (host: string) => {
  const table: Record<string, string> = {
    'metadata.example.test': '169.254.169.254',
    'hooks.example.test': '93.184.215.14',
  };
  if (!table[host]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address: table[host], family: 4 }];
};

describe('webhook target check (the outbound filter at "Add webhook")', () => {
  it('refuses private, loopback and link-local targets when private URLs are not allowed', async () => {
    const check = webhookTargetCheck({ allowPrivate: false, lookup });
    for (const url of [
      'https://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:9000/x',
      'https://10.1.2.3/',
      'http://[::1]:8080/',
      'https://[fe80::1]/',
    ]) {
      expect(await check(url), url).toMatch(/private, loopback or link-local/);
    }
    // A public-looking name that resolves to the metadata address is refused, without naming the address.
    expect(await check('https://metadata.example.test/x')).toBe(
      'metadata.example.test resolves to a private, loopback or link-local address, which Butterfly is configured not to contact',
    );
    expect(await check('https://hooks.example.test/x')).toBeNull();
    expect(await check('https://93.184.215.14/x')).toBeNull();
    // Not resolvable yet: accepted here, checked again at every delivery.
    expect(await check('https://not-yet.example.test/x')).toBeNull();
  });

  it('accepts them when BUTTERFLY_ALLOW_PRIVATE_URLS is on', async () => {
    const check = webhookTargetCheck({ allowPrivate: true, lookup });
    expect(await check('https://169.254.169.254/latest')).toBeNull();
    expect(await check('http://127.0.0.1:9000/x')).toBeNull();
  });
});
