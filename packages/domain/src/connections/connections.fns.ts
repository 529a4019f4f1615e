import { createPrivateKey } from 'node:crypto';
import type { Connections, Selectable } from '@butterfly/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { IdpAccessReport } from '../idp/types.ts';

const isLoopback = (u: URL) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname);

/**
 * A provider's base URL as typed, shared by every provider's URL schema: http(s), no credentials,
 * query or fragment, and the origin alone, except that `isLoopback` hosts (a simulator) may add one
 * path segment and use plain http. Yields the parsed URL for the provider's own last step.
 */
export const zBaseUrl = (isLoopback: (u: URL) => boolean, message: string) =>
  z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .transform((raw) => new URL(raw))
    .refine(
      (u) =>
        !u.username &&
        !u.password &&
        !u.search &&
        !u.hash &&
        (/^\/?$/.test(u.pathname) || (isLoopback(u) && /^\/[\w.-]+\/?$/.test(u.pathname))),
      message,
    )
    .refine((u) => u.protocol === 'https:' || isLoopback(u), 'must use https');

/**
 * An Okta org URL, stored as its origin. The admin-console host (`acme-admin.okta.com`) is mapped to
 * the org's API host, which is what admins often paste. Plain http is accepted for loopback only
 * (the demo's simulator), and so is one path segment: the simulator serves each org below its own
 * path (`http://127.0.0.1:4000/acme`). Whether private addresses may be reached is the connector's call.
 */
export const ZOrgUrl = zBaseUrl(isLoopback, 'must be the org URL alone, e.g. https://acme.okta.com').transform((u) => {
  u.hostname = u.hostname.replace(
    /^([a-z0-9-]+)-admin\.(okta|oktapreview|okta-emea|okta-gov|okta-mil)\.com$/i,
    '$1.$2.com',
  );
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
});

/** Accepts what the Okta console gives out for a service app key: a PEM private key or a private JWK. */
export const ZPrivateKey = z
  .string()
  .max(20_000)
  .refine((k) => {
    try {
      const t = k.trim();
      const key = t.startsWith('{') ? createPrivateKey({ key: JSON.parse(t), format: 'jwk' }) : createPrivateKey(t);
      return key.type === 'private' && (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec');
    } catch {
      return false;
    }
  }, 'must be an RSA or EC private key (PEM or JWK)');

export const ZConnectionCredentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ssws'), token: z.string().trim().min(10).max(500) }),
  z.object({
    kind: z.literal('oauth'),
    clientId: z.string().trim().min(1).max(200),
    privateKey: ZPrivateKey,
    keyId: z.string().trim().min(1).max(200).optional(),
  }),
]);

/**
 * Decision 047: how much of each Okta rate-limit bucket a connection's backups and restores may use.
 * Okta caps every OAuth 2.0 app at its share of each org-wide bucket (50 % unless the admin raised
 * it), so an OAuth service-app connection stays at that share: the stored `rate_limit_share`
 * (percent, 1–100, set when the customer raised the app's share in Okta) or 50. An SSWS token keeps
 * the governor's reserve: 20 % of each bucket left to the customer, so 80 %.
 */
export const DEFAULT_OAUTH_RATE_LIMIT_SHARE = 50;
export const SSWS_RATE_LIMIT_CEILING = 80;
export const ZRateLimitShare = z.number().int().min(1).max(100);

/** The ceiling in percent of each bucket, for a connection's credential kind and setting. */
export function rateLimitCeiling(authKind: AuthKind, rateLimitShare: number | null | undefined): number {
  // An Entra app's Graph budget follows the same rule as an Okta service app (decision 057).
  return authKind === 'ssws' ? SSWS_RATE_LIMIT_CEILING : (rateLimitShare ?? DEFAULT_OAUTH_RATE_LIMIT_SHARE);
}

/**
 * How a connection authenticates: Okta's OAuth service app or SSWS token; an Entra app's secret or
 * certificate; a Google service account with domain-wide delegation (decision 062).
 */
export type AuthKind = 'oauth' | 'ssws' | 'client_secret' | 'certificate' | 'service_account';

export const ZConnectionId = z.object({ connectionId: z.string().trim().min(1).max(100) });

/** Bound to the connection: a sealed credential copied onto another row does not open there. */
export const credentialsPurpose = (connectionId: string) => `connection.credentials:${connectionId}`;
/** The write credential is sealed under its own purpose: one cannot be opened as the other. */
export const writeCredentialsPurpose = (connectionId: string) => `connection.write_credentials:${connectionId}`;

export type ConnectionView = ReturnType<typeof toConnectionView>;

/** What the dashboard, API and CLI show: never the credential, only which kind is stored. */
export function toConnectionView(
  row: Omit<
    Selectable<Connections>,
    | 'credentials_sealed'
    | 'write_credentials_sealed'
    | 'backup_requested_at'
    | 'backup_requested_by'
    | 'backup_request_job_id'
  >,
) {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider as 'okta' | 'entra' | 'google',
    /** Okta: the org URL; Entra: the Graph URL a backup reads; Google: the Admin SDK URL. */
    orgUrl: row.org_url,
    /** Entra: the tenant (directory) id and the identity platform's URL; Google: the primary domain and the token URL. */
    directoryId: row.directory_id,
    loginUrl: row.login_url,
    /** Google: the admin the service account acts as. */
    adminEmail: row.admin_email,
    authKind: row.auth_kind as AuthKind,
    clientId: row.client_id,
    keyId: row.key_id,
    /** A connection deleted with its snapshots kept has none: it is read-only. */
    hasCredentials: !row.deleted_at,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastTest: (row.last_test as IdpAccessReport | null) ?? null,
    lastTestedAt: row.last_tested_at?.toISOString() ?? null,
    /** The separate credential restore apply writes with (`.manage` scopes), when one is set. */
    /** Percent of each Okta bucket an OAuth connection may use (null: Okta's default 50 %); SSWS ignores it. */
    rateLimitShare: row.rate_limit_share,
    /** What the governor allows itself, in percent of each bucket (decision 047). */
    rateLimitCeiling: rateLimitCeiling(row.auth_kind as AuthKind, row.rate_limit_share),
    writeCredential: row.write_auth_kind
      ? {
          authKind: row.write_auth_kind as 'oauth' | 'ssws',
          clientId: row.write_client_id,
          keyId: row.write_key_id,
          updatedAt: row.write_updated_at?.toISOString() ?? null,
        }
      : null,
    /** Paused: schedules skip it and "Back up now" is refused (CONNECTION_PAUSED) until it is resumed. */
    paused: row.paused_at ? { at: row.paused_at.toISOString(), by: row.paused_by, reason: row.pause_reason } : null,
    /** `needs_attention`: Okta refused the credential during a backup; replace it (the reason says what Okta answered). */
    status: row.status as ConnectionStatus,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    /** Deleted with its snapshots kept: browsable and verifiable, never backed up or tested again. */
    deleted: row.deleted_at ? { at: row.deleted_at.toISOString(), by: row.deleted_by } : null,
  };
}

export type ConnectionStatus = 'ok' | 'needs_attention';

/** The columns a view needs (everything but the sealed credential). */
export const VIEW_COLUMNS = [
  'id',
  'tenant_id',
  'name',
  'provider',
  'org_url',
  'directory_id',
  'login_url',
  'admin_email',
  'auth_kind',
  'client_id',
  'key_id',
  'rate_limit_share',
  'created_at',
  'updated_at',
  'last_test',
  'last_tested_at',
  'write_auth_kind',
  'write_client_id',
  'write_key_id',
  'write_updated_at',
  'paused_at',
  'paused_by',
  'pause_reason',
  'status',
  'status_reason',
  'status_changed_at',
  'deleted_at',
  'deleted_by',
] as const;

/** Use-cases that change a connection or reach its org refuse a deleted one (its snapshots stay readable). */
export function assertNotDeleted(row: { deleted_at: Date | null; name: string }) {
  if (row.deleted_at)
    throw new DomainError(
      'CONNECTION_DELETED',
      `The connection ${row.name} was deleted; its snapshots are kept read-only`,
    );
}

/** The secret sealed for a credential: only what Okta needs that is not shown back (the token or the key). */
export const sealedCredential = (c: TConnectionCredentials) =>
  JSON.stringify(c.kind === 'ssws' ? { kind: 'ssws', token: c.token } : { kind: 'oauth', privateKey: c.privateKey });
export type TConnectionCredentials = z.output<typeof ZConnectionCredentials>;

/** The typed name against the connection's: surrounding spaces ignored, otherwise exact. */
export function confirmationMatches(typed: string, name: string) {
  return typed.trim() === name.trim();
}
