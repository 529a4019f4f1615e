import { createPrivateKey, type KeyObject, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface SigningKey {
  key: KeyObject;
  alg: 'RS256' | 'ES256' | 'ES384' | 'ES512';
  kid?: string;
}

const EC_ALG = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' } as const;

/**
 * The service app's private key, as the Okta admin console hands it out: a PEM (PKCS#8 or PKCS#1)
 * or a private JWK in JSON (whose `kid` is then used). RSA signs RS256, EC keys by their curve.
 */
export function loadSigningKey(material: string, kid?: string): SigningKey {
  const text = material.trim();
  const jwk = text.startsWith('{') ? (JSON.parse(text) as { kid?: string }) : undefined;
  const key = jwk ? createPrivateKey({ key: jwk as never, format: 'jwk' }) : createPrivateKey(text);
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS256', kid: kid ?? jwk?.kid };
  const curve = key.asymmetricKeyDetails?.namedCurve as keyof typeof EC_ALG | undefined;
  if (key.asymmetricKeyType === 'ec' && curve && EC_ALG[curve])
    return { key, alg: EC_ALG[curve], kid: kid ?? jwk?.kid };
  throw new TypeError(
    `Unsupported private key type ${key.asymmetricKeyType}${curve ? ` (${curve})` : ''}: use RSA or EC P-256/384/521`,
  );
}

/**
 * The `private_key_jwt` client assertion (RFC 7523): iss and sub are the client id, aud the token
 * endpoint, a short expiry and a unique jti (Okta rejects a replayed jti).
 */
export function clientAssertion(o: {
  clientId: string;
  tokenUrl: string;
  signing: SigningKey;
  nowMs: number;
}): Promise<string> {
  const iat = Math.floor(o.nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: o.signing.alg, ...(o.signing.kid ? { kid: o.signing.kid } : {}) })
    .setIssuer(o.clientId)
    .setSubject(o.clientId)
    .setAudience(o.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(o.signing.key);
}
