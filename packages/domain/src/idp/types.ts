/**
 * What the domain needs from an identity provider's management API. The domain never imports
 * `@butterfly/connectors`; apps and jobs wire an implementation (Okta first) into deps.
 */
export interface IdpObjectRef {
  /** Object type from the catalog, e.g. 'user', 'group', 'policy.OKTA_SIGN_ON'. */
  type: string;
  id: string;
}

export interface IdpObject extends IdpObjectRef {
  /** The object exactly as the provider returned it (minus pure navigation such as `_links`). */
  body: unknown;
  /**
   * Paths of write-only secrets the connector replaced with a marker before the body left it: they
   * are never stored, and a restore must ask for them again.
   */
  redacted?: string[];
  /**
   * The body's `_links` are data, not navigation (policy → app mapping rows name the app only by
   * link), so storage keeps them instead of stripping `_links` as it does for every other body.
   */
  linksAreData?: boolean;
}

export interface IdpAccessReport {
  ok: boolean;
  /** The credential was accepted (a token was issued, a read got past authentication). */
  connected?: boolean;
  /** Scopes the credential holds among those a backup reads. */
  granted?: string[];
  /** Scopes (or permissions) the credential lacks, and what that leaves out of a backup. */
  missing: { scope: string; leavesOut: string[] }[];
  /** Object types the org does not have (feature not enabled); not a credential problem. */
  unavailable?: { type: string; reason: string }[];
  detail?: string;
}

export interface IdpEndpointStats {
  requests: number;
  rateLimited: number;
  retries: number;
  waits: number;
  waitMs: number;
}

export interface IdpRequestStats {
  requests: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** Responses that were 429 (each one waited for the bucket's reset and retried). */
  rateLimited?: number;
  /** Retries after 5xx answers or network errors. */
  retries?: number;
  /** Keyed by method and path template, e.g. 'GET /api/v1/groups/{groupId}/users'. */
  byEndpoint?: Record<string, IdpEndpointStats>;
  /** Objects yielded per type, and why a type was skipped (a feature the org does not have). */
  byType?: Record<string, { objects: number; skipped?: string }>;
}

/** What a provider's object type is, for restore ordering and the connection guide. */
export interface IdpObjectTypeInfo {
  type: string;
  label: string;
  /** The read scope the type needs. */
  scope: string;
  parent?: string;
  singleton: boolean;
  /** Off unless asked for by name (per-user factors: one request per user, cannot be restored). */
  optional: boolean;
  /** Paths of write-only secrets (redacted; must be re-entered on restore). */
  secretFields: string[];
  /** Paths in the body that hold ids of other types. */
  references: { path: string; type: string | string[]; by?: string }[];
}

export interface IdpClient {
  /** Streams every object of the given types (all non-optional types when omitted), paging as the API requires. */
  listObjects(opts?: { types?: string[]; signal?: AbortSignal }): AsyncIterable<IdpObject>;
  readObject(ref: IdpObjectRef, opts?: { signal?: AbortSignal }): Promise<IdpObject | undefined>;
  /** Creates or updates one object; returns it as the provider now has it (with its possibly new id). */
  writeObject(
    ref: IdpObjectRef,
    op: { kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate'; body?: unknown },
    opts?: { signal?: AbortSignal },
  ): Promise<IdpObject | undefined>;
  testAccess(opts?: { signal?: AbortSignal }): Promise<IdpAccessReport>;
  stats(): IdpRequestStats;
  /** The object types this client can list. */
  objectTypes(): IdpObjectTypeInfo[];
}

/** A connection's credentials as the connector needs them (opened from their sealed form). */
export type IdpCredentials =
  | { kind: 'ssws'; token: string }
  | { kind: 'oauth'; clientId: string; privateKey: string; keyId?: string };

export interface IdpConnectionConfig {
  provider: 'okta';
  orgUrl: string;
  credentials: IdpCredentials;
}

/** How apps hand the domain a client for a connection (they choose the outbound policy, limits, ...). */
export type IdpClientFactory = (config: IdpConnectionConfig) => IdpClient;
