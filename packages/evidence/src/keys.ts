import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * The tenant's evidence key. Ed25519 through node:crypto: small keys, deterministic signatures, and
 * `openssl pkeyutl -verify -rawin` can check a bundle without Butterfly.
 */
export interface EvidenceKeyPair {
  /** PKCS#8 DER: the domain stores it sealed per tenant and never shows it. */
  privateKeyPkcs8: Buffer;
  /** SPKI DER. */
  publicKeySpki: Buffer;
  fingerprint: string;
}

/**
 * What signing needs, and nothing more: the domain can implement it over a sealed key (open, sign,
 * forget) or a KMS, and the bundle code never sees the private key.
 */
export interface EvidenceSigner {
  publicKeySpki: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array> | Uint8Array;
}

export function generateEvidenceKey(): EvidenceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeySpki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKeySpki,
    fingerprint: fingerprintOf(publicKeySpki),
  };
}

function ed25519Public(key: Uint8Array | string | KeyObject): KeyObject {
  const k =
    key instanceof Uint8Array
      ? createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' })
      : typeof key !== 'string' && key.type === 'public'
        ? key
        : createPublicKey(key);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error(`Not an Ed25519 key: ${k.asymmetricKeyType}`);
  return k;
}

/**
 * SHA-256 of the raw 32-byte public key, in hex: what the dashboard shows and an auditor writes down.
 * Accepts SPKI DER, PEM or a KeyObject.
 */
export function fingerprintOf(publicKey: Uint8Array | string | KeyObject): string {
  const raw = Buffer.from(ed25519Public(publicKey).export({ format: 'jwk' }).x!, 'base64url');
  return createHash('sha256').update(raw).digest('hex');
}

export function publicKeyPem(publicKey: Uint8Array | string | KeyObject): string {
  return ed25519Public(publicKey).export({ format: 'pem', type: 'spki' }).toString();
}

/** A signer over a PKCS#8 private key held in memory (tests, CLI, or the domain after unsealing). */
export function createKeySigner(privateKeyPkcs8: Uint8Array): EvidenceSigner {
  const privateKey = createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  return {
    publicKeySpki: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
    sign: (message) => sign(null, message, privateKey),
  };
}

/** Fingerprints as people type them: any case, with or without colons and spaces. */
export const normalizeFingerprint = (hex: string) => hex.replace(/[\s:]/g, '').toLowerCase();
