import { createHash } from 'node:crypto';
import type { IdSource } from '../model/ids.ts';
import type { OrgCore } from './org-core.ts';
import type { Json } from '../model/types.ts';

/** Okta's default validity of an app's first signing certificate. */
const DEFAULT_VALIDITY_YEARS = 10;

/**
 * An app signing key credential as `GET /api/v1/apps/{appId}/credentials/keys` lists it (the
 * OpenAPI file's JsonWebKey, `KeyCredentialExample`). The simulator's `x5c`/`n` are deterministic
 * filler bytes, not a real certificate: nothing verifies with them, and a backup must not keep them
 * anyway (only the metadata: kid, created, expiry).
 */
export function appKeyJson(ids: IdSource, kid: string, created: string, expiresAt: string): Json {
  const der = ids.bytes('app_key_cert', 720);
  return {
    created,
    lastUpdated: created,
    expiresAt,
    x5c: [der.toString('base64')],
    e: 'AQAB',
    n: ids.bytes('app_key_n', 256).toString('base64url'),
    kid,
    kty: 'RSA',
    use: 'sig',
    'x5t#S256': createHash('sha256').update(der).digest('base64url'),
  };
}

export const appKeysTable = (appId: string) => `appKeys:${appId}`;

/** Adds a signing key to an app (the simulator makes one with every app that names a `credentials.signing.kid`: its OIDC apps). */
export function addAppKey(org: OrgCore, appId: string, kid: string, created: string, expiresAt?: string): Json {
  const expiry = expiresAt ?? addYears(created, DEFAULT_VALIDITY_YEARS);
  const key = appKeyJson(org.ids, kid, created, expiry);
  org.data.table(appKeysTable(appId)).set(kid, key);
  return key;
}

function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}
