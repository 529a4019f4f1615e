import { describe, expect, it } from 'vitest';
import { OutboundRefusedError } from '../errors.ts';
import { assertPublicHost, isPrivateAddress } from './outbound.ts';

describe('outbound address policy', () => {
  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const a of ['10.0.0.1', '127.0.0.1', '169.254.169.254', '172.20.1.1', '192.168.1.1', '100.64.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '52.1.2.3', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses a host when any address it resolves to is private, unless allowed', async () => {
    const url = new URL('https://acme.okta.com');
    await expect(assertPublicHost(url, { resolve: async () => ['52.1.2.3', '10.0.0.5'] })).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(assertPublicHost(url, { resolve: async () => ['52.1.2.3'] })).resolves.toBeUndefined();
    await expect(assertPublicHost(new URL('http://[::1]:4000'), {})).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(assertPublicHost(new URL('http://127.0.0.1:4000'), { allowPrivateNetwork: true })).resolves.toBeUndefined();
  });
});
