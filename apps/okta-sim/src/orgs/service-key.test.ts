import { createPublicKey, createSign, createVerify } from 'node:crypto';
import { expect, test } from 'vitest';
import { createIdSource } from '../model/ids.ts';
import { serviceKey } from './service-key.ts';

test('the service key is a working RSA-2048 pair, the same for the same seed', () => {
  const a = serviceKey(createIdSource('1'), 'acme');
  const b = serviceKey(createIdSource('1'), 'acme');
  const other = serviceKey(createIdSource('1'), 'globex');
  expect(a.pem).toBe(b.pem);
  expect(a.kid).not.toBe(other.kid);
  expect(a.pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(a.privateKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
  const signature = createSign('sha256').update('hello').sign(a.privateKey);
  const publicKey = createPublicKey({ key: a.publicJwk, format: 'jwk' });
  expect(createVerify('sha256').update('hello').verify(publicKey, signature)).toBe(true);
});
