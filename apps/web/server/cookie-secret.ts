import { hkdfSync } from 'node:crypto';

/**
 * The key that signs the web app's cookies (session id, sign-in flow, ID token hint), derived from
 * the master key with its own HKDF label: nothing new to configure or rotate separately, and it
 * cannot be confused with the audit-chain or data keys derived from the same master key.
 */
export function deriveCookieSecret(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'butterfly web cookie signing v1', 32)).toString(
    'base64url',
  );
}
