import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

/**
 * Ed25519 evidence keys. The domain cannot import @butterfly/evidence (the arrows point the other
 * way), so it makes and uses keys with node:crypto directly; evidence's tests check that both sides
 * compute the same fingerprint.
 */
export function generateEd25519() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeySpki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKeySpki,
    fingerprint: fingerprintOfSpki(publicKeySpki),
  };
}

/** SHA-256 of the raw 32-byte public key, in hex: what auditors record (docs/decisions/007). */
export function fingerprintOfSpki(spki: Uint8Array): string {
  const raw = Buffer.from(
    createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' }).x!,
    'base64url',
  );
  return createHash('sha256').update(raw).digest('hex');
}

export const publicPem = (spki: Uint8Array) =>
  createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })
    .export({ format: 'pem', type: 'spki' })
    .toString();

/** An EvidenceSigner (see @butterfly/evidence) over an opened private key; the key lives only in this closure. */
export function signerOf(privateKeyPkcs8: Buffer, publicKeySpki: Uint8Array) {
  const key = createPrivateKey({ key: privateKeyPkcs8, format: 'der', type: 'pkcs8' });
  return { publicKeySpki, sign: (message: Uint8Array) => sign(null, message, key) };
}

export const EVIDENCE_KEY_PURPOSE = 'evidence.private_key';
