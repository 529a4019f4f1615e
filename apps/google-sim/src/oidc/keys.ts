import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

interface TKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function keyFrom(privateKey: CryptoKey, jwk: JWK): Promise<TKey> {
  const kid = (await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e })).slice(0, 40);
  return { kid, privateKey, publicJwk: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n: jwk.n, e: jwk.e } };
}

async function freshKey(): Promise<TKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return keyFrom(privateKey, await exportJWK(publicKey));
}

async function savedKey(jwk: JWK): Promise<TKey> {
  return keyFrom((await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey, jwk);
}

/**
 * Google's ID-token keys: `/oauth2/v3/certs` publishes the signing key and the next one. A rotation
 * signs with the next key, publishes a new next one and drops the old signer, so a token signed
 * before it no longer verifies against a refetched JWKS (Google keeps an old key about a day longer;
 * tests want the hard edge).
 */
export class OidcKeys {
  private constructor(
    private signer: TKey,
    private next: TKey,
  ) {}

  static async create(): Promise<OidcKeys> {
    return new OidcKeys(await freshKey(), await freshKey());
  }

  static async fromState(state: { signer: JWK; next: JWK }): Promise<OidcKeys> {
    return new OidcKeys(await savedKey(state.signer), await savedKey(state.next));
  }

  async exportState(): Promise<{ signer: JWK; next: JWK }> {
    return { signer: await exportJWK(this.signer.privateKey), next: await exportJWK(this.next.privateKey) };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.signer.publicJwk, this.next.publicJwk] };
  }

  get kids(): { signing: string; published: string[] } {
    return { signing: this.signer.kid, published: [this.signer.kid, this.next.kid] };
  }

  async rotate(): Promise<{ signing: string; published: string[] }> {
    this.signer = this.next;
    this.next = await freshKey();
    return this.kids;
  }

  sign(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.signer.kid, typ: 'JWT' })
      .sign(this.signer.privateKey);
  }
}
