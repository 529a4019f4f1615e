import {
  type JsonWebKey,
  type KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
} from 'node:crypto';
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
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(16).toString('base64url'),
    alg: 'RS256',
    use: 'sig',
  };
}

/**
 * An org's RS256 signing keys, newest first. oidc-provider signs with the first key that fits the
 * algorithm and publishes them all at /keys, so a rotation is "put a new key in front".
 *
 * Keys are random even with `--seed`: a restart behaves like an unannounced Okta key rotation, which
 * is exactly what a relying party must survive (refetch the JWKS on an unknown `kid`).
 */
export class KeyRing {
  private readonly objects = new Map<string, { privateKey: KeyObject; publicKey: KeyObject }>();

  private constructor(private keys: SigningJwk[]) {}

  static async create(): Promise<KeyRing> {
    return new KeyRing([await generateSigningKey()]);
  }

  /** The keys of a saved state (`privateJwks()`), newest first. */
  static from(keys: SigningJwk[]): KeyRing {
    if (!keys.length) throw new Error('a key ring needs at least one key');
    return new KeyRing(keys.map((k) => ({ ...k })));
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

  /**
   * The current key as a KeyObject, for tokens the simulator signs itself (client-credentials
   * access tokens for the Management API), and any published key for verifying them.
   */
  signing(): { kid: string; privateKey: KeyObject } {
    return { kid: this.currentKid, privateKey: this.objectsOf(this.keys[0]!).privateKey };
  }

  publicKey(kid: string): KeyObject | undefined {
    const jwk = this.keys.find((k) => k.kid === kid);
    return jwk && this.objectsOf(jwk).publicKey;
  }

  private objectsOf(jwk: SigningJwk) {
    let found = this.objects.get(jwk.kid);
    if (!found) {
      const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      found = { privateKey, publicKey: createPublicKey(privateKey) };
      this.objects.set(jwk.kid, found);
    }
    return found;
  }

  /** Private JWKS for oidc-provider's `jwks` option (it publishes only the public parts). */
  privateJwks(): { keys: SigningJwk[] } {
    return { keys: this.keys.map((k) => ({ ...k })) };
  }
}
