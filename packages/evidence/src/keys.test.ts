import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeySigner, fingerprintOf, generateEvidenceKey, publicKeyPem } from './keys.ts';

describe('evidence keys', () => {
  it('fingerprints the raw 32-byte Ed25519 public key with SHA-256', () => {
    const key = generateEvidenceKey();
    const raw = key.publicKeySpki.subarray(-32); // SPKI for Ed25519 is a 12-byte header, then the key
    expect(key.fingerprint).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(fingerprintOf(publicKeyPem(key.publicKeySpki))).toBe(key.fingerprint);
  });

  it('signs with the PKCS#8 key so that the SPKI key verifies, deterministically', async () => {
    const key = generateEvidenceKey();
    const signer = createKeySigner(key.privateKeyPkcs8);
    expect(Buffer.from(signer.publicKeySpki).equals(key.publicKeySpki)).toBe(true);
    const msg = Buffer.from('manifest bytes');
    const sig = await signer.sign(msg);
    expect(Buffer.from(await signer.sign(msg)).equals(Buffer.from(sig))).toBe(true);
    const pub = createPublicKey({ key: key.publicKeySpki, format: 'der', type: 'spki' });
    expect(verify(null, msg, pub, sig)).toBe(true);
    expect(verify(null, Buffer.from('other bytes'), pub, sig)).toBe(false);
  });

  it('refuses a key that is not Ed25519', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => fingerprintOf(publicKey)).toThrow(/Not an Ed25519 key/);
  });
});
