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
}

export interface IdpAccessReport {
  ok: boolean;
  /** Scopes (or permissions) the credential lacks, and what that leaves out of a backup. */
  missing: { scope: string; leavesOut: string[] }[];
  detail?: string;
}

export interface IdpRequestStats {
  requests: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
}

export interface IdpClient {
  /** Streams every object of the given types (all types when omitted), paging as the API requires. */
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
}
