import { type JsonWebKey, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningJwk extends JsonWebKey {
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/** Okta keeps a rotated-out key published for a while so tokens it signed still verify. */
const PUBLISHED_KEYS = 3;

async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(16).toString('base64url'), alg: 'RS256', use: 'sig' };
}

/**
 * An org's RS256 signing keys, newest first. oidc-provider signs with the first key that fits the
 * algorithm and publishes them all at /keys, so a rotation is "put a new key in front".
 *
 * Keys are random even with `--seed`: a restart behaves like an unannounced Okta key rotation, which
 * is exactly what a relying party must survive (refetch the JWKS on an unknown `kid`).
 */
export class KeyRing {
  private constructor(private keys: SigningJwk[]) {}

  static async create(): Promise<KeyRing> {
    return new KeyRing([await generateSigningKey()]);
  }

  /** Signs with a new key from now on; returns its `kid`. */
  async rotate(): Promise<string> {
    const key = await generateSigningKey();
    this.keys = [key, ...this.keys].slice(0, PUBLISHED_KEYS);
    return key.kid;
  }

  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  get kids(): string[] {
    return this.keys.map((k) => k.kid);
  }

  /** Private JWKS for oidc-provider's `jwks` option (it publishes only the public parts). */
  privateJwks(): { keys: SigningJwk[] } {
    return { keys: this.keys.map((k) => ({ ...k })) };
  }
}
