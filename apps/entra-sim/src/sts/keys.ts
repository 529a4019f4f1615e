import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

interface TKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function fromPrivate(privateKey: CryptoKey, jwk: JWK): Promise<TKey> {
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e } };
}

async function makeKey(): Promise<TKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return fromPrivate(privateKey, await exportJWK(publicKey));
}

async function loadKey(jwk: JWK): Promise<TKey> {
  const privateKey = (await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey;
  return fromPrivate(privateKey, { kty: 'RSA', n: jwk.n, e: jwk.e });
}

/**
 * The STS signing keys, shared by every tenant as in Entra. The JWKS always publishes two: the one
 * that signs and the next one. A roll signs with the next key (clients that cached the JWKS already
 * know it) and publishes a fresh next key; an emergency roll signs with a key nobody has seen, so a
 * client must refetch the JWKS on the unknown kid [KEYS].
 */
export class KeySet {
  private constructor(
    private signer: TKey,
    private next: TKey,
  ) {}

  static async create(): Promise<KeySet> {
    return new KeySet(await makeKey(), await makeKey());
  }

  /** Both private keys as JWKs, for the state file. */
  async exportState(): Promise<{ signer: JWK; next: JWK }> {
    return { signer: await exportJWK(this.signer.privateKey), next: await exportJWK(this.next.privateKey) };
  }

  static async fromState(state: { signer: JWK; next: JWK }): Promise<KeySet> {
    return new KeySet(await loadKey(state.signer), await loadKey(state.next));
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.signer.jwk, this.next.jwk] };
  }

  get signingKid(): string {
    return this.signer.kid;
  }

  async roll(emergency = false): Promise<{ signingKid: string; kids: string[] }> {
    if (emergency) {
      this.signer = await makeKey();
    } else {
      this.signer = this.next;
      this.next = await makeKey();
    }
    return { signingKid: this.signer.kid, kids: [this.signer.kid, this.next.kid] };
  }

  sign(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.signer.kid, x5t: this.signer.kid })
      .sign(this.signer.privateKey);
  }

  /** Keys a token of ours may be signed with: only what the JWKS publishes now. */
  publicJwk(kid: string): JWK | undefined {
    return this.jwks().keys.find((k) => k.kid === kid);
  }
}
