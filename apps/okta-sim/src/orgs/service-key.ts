import { checkPrimeSync, createPrivateKey, createPublicKey, createHash, type KeyObject } from 'node:crypto';
import type { IdSource } from '../model/ids.ts';

/**
 * The RSA key pair of an org's OAuth service app (private_key_jwt).
 *
 * It is derived from the IdSource, so `--seed 1` gives the same key on every start and a script can
 * keep a private key it fetched once. Node cannot seed its key generator, hence this small RSA key
 * generation: primes are drawn from the seeded byte stream and tested by OpenSSL (`checkPrime`);
 * the rest is textbook arithmetic. About 0.1 s per key.
 */
export interface ServiceKey {
  kid: string;
  privateKey: KeyObject;
  /** The public JWK registered on the service app (`settings.oauthClient.jwks`). */
  publicJwk: { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
  /** PKCS#8 PEM, what `GET /_sim/orgs/<org>/service-app-key` hands out. */
  pem: string;
}

const E = 65537n;
const toBig = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex')}`);

function b64(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
}

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [x0, x1] = [1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return ((x0 % m) + m) % m;
}

function prime(ids: IdSource, label: string): bigint {
  for (;;) {
    const bytes = ids.bytes(label, 128);
    // Top two bits set so that p·q has exactly 2048 bits; odd, and p-1 coprime with e.
    bytes[0]! |= 0xc0;
    bytes[127]! |= 1;
    const candidate = toBig(bytes);
    if (candidate % E !== 1n && checkPrimeSync(candidate)) return candidate;
  }
}

export function serviceKey(ids: IdSource, org: string): ServiceKey {
  const p = prime(ids, `service-key:${org}:p`);
  const q = prime(ids, `service-key:${org}:q`);
  const d = inverse(E, (p - 1n) * (q - 1n));
  const n = p * q;
  const jwk = {
    kty: 'RSA',
    n: b64(n),
    e: b64(E),
    d: b64(d),
    p: b64(p),
    q: b64(q),
    dp: b64(d % (p - 1n)),
    dq: b64(d % (q - 1n)),
    qi: b64(inverse(q, p)),
  };
  return fromPrivateKey(createPrivateKey({ key: jwk, format: 'jwk' }));
}

/** The same key read back from its PEM (a saved state keeps the PEM, not the primes). */
export const serviceKeyFromPem = (pem: string): ServiceKey => fromPrivateKey(createPrivateKey(pem));

function fromPrivateKey(privateKey: KeyObject): ServiceKey {
  const exported = createPublicKey(privateKey).export({ format: 'jwk' });
  // RFC 7638 thumbprint as kid, as Okta's admin console does for generated keys.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: exported.e, kty: 'RSA', n: exported.n }))
    .digest('base64url');
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', n: exported.n!, e: exported.e!, kid, alg: 'RS256', use: 'sig' },
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
