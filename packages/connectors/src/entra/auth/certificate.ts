import { createHash, createPrivateKey, type KeyObject, randomUUID, X509Certificate } from 'node:crypto';
import { SignJWT } from 'jose';
import { EntraAuthError } from '../errors.ts';

export interface CertificateCredential {
  key: KeyObject;
  /** base64url SHA-1 of the certificate's DER (Entra's `x5t`, how it finds the registered key). */
  x5t: string;
  /** base64url SHA-256 of the DER (`x5t#S256`). */
  x5tS256: string;
}

/**
 * A PEM file holding the app's certificate and its private key (what `openssl req -x509` or an
 * export from Key Vault gives). The key must be RSA (Entra signs and checks RS256 assertions) and
 * must belong to the certificate: a mismatch would be refused by Entra with a less helpful error.
 */
export function loadCertificate(pem: string): CertificateCredential {
  const certPem = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const keyPem = pem.match(
    /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/,
  )?.[0];
  if (!certPem || !keyPem)
    throw new EntraAuthError('BAD_CERTIFICATE', 'The certificate file must hold a PEM CERTIFICATE and its PRIVATE KEY');
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
    key = createPrivateKey(keyPem);
  } catch (e) {
    throw new EntraAuthError('BAD_CERTIFICATE', `The certificate file cannot be read: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new EntraAuthError('BAD_CERTIFICATE', `The certificate's key is ${key.asymmetricKeyType}; Entra needs RSA`);
  if (!cert.checkPrivateKey(key))
    throw new EntraAuthError('BAD_CERTIFICATE', 'The private key in the file does not belong to its certificate');
  return {
    key,
    x5t: createHash('sha1').update(cert.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
  };
}

/**
 * The client assertion Entra accepts instead of a secret: RS256, header naming the certificate by
 * thumbprint, aud the token endpoint, iss and sub the app's client id, unique jti, short lifetime.
 */
export function clientAssertion(o: {
  clientId: string;
  tokenUrl: string;
  cert: CertificateCredential;
  nowMs: number;
}): Promise<string> {
  const iat = Math.floor(o.nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: o.cert.x5t, 'x5t#S256': o.cert.x5tS256 })
    .setIssuer(o.clientId)
    .setSubject(o.clientId)
    .setAudience(o.tokenUrl)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(o.cert.key);
}
