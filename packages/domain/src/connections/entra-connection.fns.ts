import { createPrivateKey, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { zBaseUrl } from './connections.fns.ts';

// Narrower than Okta's: only these three hosts count as a simulator on loopback.
const isLoopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

/**
 * The identity platform's or Graph's base URL: https, the origin alone (a simulator on loopback
 * may add one path segment, as ZOrgUrl allows for Okta), no trailing slash.
 */
export const ZMicrosoftUrl = zBaseUrl(
  isLoopback,
  'must be the base URL alone, e.g. https://graph.microsoft.com',
).transform((u) => `${u.origin}${u.pathname.replace(/\/+$/, '')}`);

/** The tenant's directory id: its GUID, or one of its verified domains. */
export const ZDirectoryId = z
  .string()
  .trim()
  .refine(
    (v) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ||
      /^(?=.{3,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,}$/i.test(v),
    'must be the tenant id (a GUID) or a verified domain',
  );

/** An app registration's client (application) id: a GUID. */
export const ZEntraClientId = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be the app's client id (a GUID)");

/** A PEM file with the app's certificate and its RSA private key, which must belong together. */
export const ZCertificatePem = z
  .string()
  .max(50_000)
  .refine((pem) => {
    try {
      const cert = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
      const key = pem.match(/-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/)?.[0];
      if (!cert || !key) return false;
      const k = createPrivateKey(key);
      return k.asymmetricKeyType === 'rsa' && new X509Certificate(cert).checkPrivateKey(k);
    } catch {
      return false;
    }
  }, 'must be a PEM holding the certificate and its (unencrypted) RSA private key');

export const ZEntraCredentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client_secret'), clientSecret: z.string().trim().min(10).max(500) }),
  z.object({ kind: z.literal('certificate'), certificatePem: ZCertificatePem }),
]);
export type TEntraCredentials = z.output<typeof ZEntraCredentials>;

/** The secret sealed for an Entra app's credential: the client secret, or the PEM with its key. */
export const sealedEntraCredential = (c: TEntraCredentials) =>
  JSON.stringify(
    c.kind === 'client_secret'
      ? { kind: 'client_secret', clientSecret: c.clientSecret }
      : { kind: 'certificate', certificatePem: c.certificatePem },
  );
