import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { GoogleServiceAccountCredentials } from '../idp/types.ts';
import { zBaseUrl } from './connections.fns.ts';

const isLoopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export const DEFAULT_GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_GOOGLE_API_URL = 'https://admin.googleapis.com';

/**
 * The Admin SDK's base URL: https, the origin alone (a simulator on loopback may add one path
 * segment), no trailing slash. Decision 062: any other value than the default also stands for the
 * Cloud Identity and Groups Settings bases (a simulator serves all three).
 */
export const ZGoogleApiUrl = zBaseUrl(
  isLoopback,
  'must be the base URL alone, e.g. https://admin.googleapis.com',
).transform((u) => `${u.origin}${u.pathname.replace(/\/+$/, '')}`);

/** The OAuth token endpoint: a full URL (its path included), https unless on loopback, no query. */
export const ZGoogleTokenUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((raw) => new URL(raw))
  .refine((u) => !u.username && !u.password && !u.search && !u.hash, 'must be the token URL alone')
  .refine((u) => u.protocol === 'https:' || isLoopback(u), 'must use https')
  .transform((u) => u.href);

/** The customer's primary domain, lower-cased. */
export const ZPrimaryDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,}$/, 'must be a domain, e.g. example.com');

/** The admin the service account acts as: an address in the customer's domains. */
export const ZAdminEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }));

/** Why a key file was refused: the stable reason in `fields.serviceAccountKey`. */
export type ServiceAccountKeyProblem =
  | 'NOT_JSON'
  | 'NOT_SERVICE_ACCOUNT'
  | 'MISSING_FIELDS'
  | 'BAD_PRIVATE_KEY'
  | 'TOO_LARGE';

const KEY_FILE_MAX = 20_000;

function refuse(reason: ServiceAccountKeyProblem, message: string): never {
  throw new DomainError('SERVICE_ACCOUNT_KEY_INVALID', `${message} [${reason}]`, {
    fields: { serviceAccountKey: reason },
  });
}

/**
 * A service account's JSON key file (as Google Cloud downloads it), reduced to what signs the
 * assertion. Refused with SERVICE_ACCOUNT_KEY_INVALID and a stable reason; the message never
 * quotes the file (it holds the private key).
 */
export function parseServiceAccountKey(text: string): GoogleServiceAccountCredentials {
  if (text.length > KEY_FILE_MAX)
    refuse('TOO_LARGE', `The key file is larger than ${KEY_FILE_MAX} characters: not a service account key`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    refuse('NOT_JSON', 'The key file is not JSON: download a JSON key for the service account (not P12)');
  }
  const k = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  if (k.type !== 'service_account')
    refuse(
      'NOT_SERVICE_ACCOUNT',
      `The key file is not a service account key (its type is ${typeof k.type === 'string' ? JSON.stringify(k.type) : 'missing'})`,
    );
  const fields = ['client_email', 'client_id', 'private_key_id', 'private_key'] as const;
  const missing = fields.filter((f) => typeof k[f] !== 'string' || !(k[f] as string).trim());
  if (missing.length) refuse('MISSING_FIELDS', `The key file lacks ${missing.join(', ')}`);
  const clientEmail = (k.client_email as string).trim();
  // Google's are …@<project>.iam.gserviceaccount.com; a simulator may use another domain.
  if (!/^[^@\s]+@[^@\s]+$/.test(clientEmail)) refuse('MISSING_FIELDS', 'The key file has no valid client_email');
  if (!/^\d{5,30}$/.test((k.client_id as string).trim()))
    refuse('MISSING_FIELDS', "The key file's client_id is not the service account's numeric id");
  try {
    const key = createPrivateKey(k.private_key as string);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    refuse('BAD_PRIVATE_KEY', "The key file's private_key is not an (unencrypted) RSA private key");
  }
  return {
    kind: 'service_account',
    clientEmail,
    clientId: (k.client_id as string).trim(),
    privateKeyId: (k.private_key_id as string).trim(),
    privateKey: k.private_key as string,
  };
}

/** A Google connection's replacement credential: a new JSON key (of the same or another service account). */
export const ZGoogleCredentials = z.object({ kind: z.literal('service_account'), serviceAccountKey: z.string() });
