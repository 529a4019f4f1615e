import { describe, expect, it } from 'vitest';
import { OutboundRefusedError } from '../okta/errors.ts';
import { assertPublicUrl } from './assert-public-url.ts';

const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('assertPublicUrl', () => {
  it('refuses loopback, private and metadata addresses unless allowed, and returns what it checked', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:9000/hook')).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(assertPublicUrl('http://[::1]/hook')).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(assertPublicUrl('https://hooks.example.com', { resolve: resolveTo('52.1.2.3', '169.254.169.254') })).rejects.toThrow(/169\.254\.169\.254/);
    await expect(assertPublicUrl('https://hooks.example.com', { resolve: resolveTo('52.1.2.3') })).resolves.toMatchObject({ addresses: [{ address: '52.1.2.3' }] });
    await expect(assertPublicUrl('http://127.0.0.1:9000/hook', { allowPrivateNetwork: true })).resolves.toMatchObject({ addresses: [{ address: '127.0.0.1', family: 4 }] });
  });

  it('refuses other schemes and URLs with credentials even when private addresses are allowed', async () => {
    await expect(assertPublicUrl('file:///etc/passwd', { allowPrivateNetwork: true })).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(assertPublicUrl('https://u:p@hooks.example.com', { allowPrivateNetwork: true })).rejects.toBeInstanceOf(OutboundRefusedError);
  });
});
