import { z } from 'zod';

/** Microsoft's global cloud. Sovereign clouds (and tests) pass another authority. */
export const ENTRA_DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * Personal Microsoft accounts' directory (`consumers`). Anyone can make such an account, so it can
 * never be a customer's directory: configuring it would be "any Microsoft account signs in".
 */
export const ENTRA_CONSUMERS_TID = '9188040d-6c67-4c5b-b112-36a304b66dad';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (v: unknown): v is string => typeof v === 'string' && GUID.test(v);

/**
 * The customer's Directory (tenant) ID: a GUID, stored lower-case. `common`, `organizations`,
 * `consumers` and domain names are refused: each stands for more than one directory, and their
 * discovery names the `{tenantid}` placeholder as issuer, which no token can be checked against.
 */
export const ZDirectoryId = z
  .string()
  .trim()
  .refine(isGuid, 'must be the Directory (tenant) ID, a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47')
  .transform((v) => v.toLowerCase())
  .refine((v) => v !== ENTRA_CONSUMERS_TID, 'is the personal Microsoft accounts directory, not an organisation');

/** An authority: an http(s) origin without path, query or fragment, stored without a trailing slash. */
export const ZEntraAuthority = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .refine((u) => {
    const url = new URL(u);
    return !url.search && !url.hash && (url.pathname === '/' || url.pathname === '');
  }, 'must be an origin like https://login.microsoftonline.com (no path, query or fragment)')
  .transform((u) => new URL(u).origin);

/** The one issuer an Entra v2.0 ID token of this directory may carry; discovery lives under it. */
export const entraIssuer = (authority: string, directoryId: string) =>
  `${authority.replace(/\/+$/, '')}/${directoryId.toLowerCase()}/v2.0`;

/** The authority back from a stored Entra issuer (`<authority>/<tid>/v2.0`). */
export const entraAuthorityOf = (issuer: string, directoryId: string) =>
  issuer.slice(0, issuer.length - `/${directoryId}/v2.0`.length);

/** `xms_edov` (email domain owner verified): a boolean, or the string some token versions carry. */
export const isTrueClaim = (v: unknown) => v === true || v === 'true' || v === 1 || v === '1';
