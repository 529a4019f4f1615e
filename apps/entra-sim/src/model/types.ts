import type { CryptoKey } from 'jose';

/** A Graph object as stored: plain JSON with an id. */
export type TObj = Record<string, unknown> & { id: string };

/** A client the STS knows: the registration behind an `applications` object and its service principal. */
export interface TAppRegistration {
  clientId: string;
  displayName: string;
  appObjectId: string;
  servicePrincipalId: string;
  /** sha256 hex of each client secret; the secret itself is only ever shown once, when made. */
  secretHashes: string[];
  /** Public keys of registered certificates, by the x5t/kid the client assertion names. */
  certificates: { thumbprint: string; key: CryptoKey }[];
  /** Granted application permissions (the `roles` claim of its Graph tokens). */
  roles: string[];
  redirectUris: string[];
  logoutUrl?: string;
}

export interface TSession {
  sid: string;
  userId: string;
  clientIds: Set<string>;
}

export interface TFault {
  /** Graph path prefix after the version (`/identity/conditionalAccess`), or '' for every call. */
  pathPrefix: string;
  status: number;
  /** Seconds in Retry-After, or null to send none (the older CA/named-location behaviour). */
  retryAfter: number | null;
  remaining: number;
}

export interface TTenantSettings {
  /** Largest page a list returns when $top does not ask for less. */
  pageSize: number;
  /** Resource units per 10 s per app+tenant; unset: the documented bucket for the tenant's size. */
  ruPer10s?: number;
  /** Writes per app+tenant per 2.5 min; unset: 3,000. */
  writesPer150s?: number;
  /** The older revision: CA policies and named locations at 1 request/s per tenant, 429 without Retry-After. */
  legacyCaThrottle: boolean;
}
