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
  /**
   * Scopes a backup does without, not granted: the backup is complete, but leaves out what is named
   * (who made each change, from the IdP's audit log). They do not make `ok` false.
   */
  optionalMissing?: { scope: string; leavesOut: string[] }[];
  /** Object types the org does not have (feature not enabled); not a credential problem. */
  unavailable?: { type: string; reason: string }[];
  detail?: string;
  /**
   * Set when it could not connect because the outbound policy refused the org URL: `ADDRESS_REFUSED`
   * (a private, loopback or link-local address while BUTTERFLY_ALLOW_PRIVATE_URLS is off) or
   * `URL_REFUSED`. A backup of the same connection fails with the same code.
   */
  code?: 'ADDRESS_REFUSED' | 'URL_REFUSED';
}

export interface IdpEndpointStats {
  requests: number;
  rateLimited: number;
  retries: number;
  waits: number;
  waitMs: number;
  /** Microsoft Graph: the resource units its answers said they charged (`x-ms-resource-unit`; our estimate when absent). */
  resourceUnits?: number;
}

export interface IdpRequestStats {
  requests: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** Responses that were 429 (each one waited for the bucket's reset and retried). */
  rateLimited?: number;
  /** Retries after 5xx answers or network errors. */
  retries?: number;
  /** Microsoft Graph: the resource units all requests cost (the sum of the endpoints'). */
  resourceUnits?: number;
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
  /**
   * Paths in the body that hold ids of other types. `prefix`: the value is a resource name, the
   * prefix then the id (Cloud Identity's `orgUnits/03ph…`); a value without it names nothing.
   */
  references: { path: string; type: string | string[]; by?: string; prefix?: string }[];
  /** The body field that holds the object's own key within its parent (default `id`). */
  idField?: string;
  /**
   * The id field holds the key after this prefix (Google's `id:03ph…` org unit ids, `policies/…`
   * names): a re-created object's field is compared with the new key behind the same prefix.
   */
  idPrefix?: string;
  /** `readObject` can read one object of this type (otherwise it is found by listing). */
  readOne?: boolean;
  /** The body holds nothing but the object's key (a membership row): objects with equal ids are equal. */
  bodyIsKey?: boolean;
  /** A field of the parent that changes whenever its children of this type do (a group's `lastMembershipUpdated`). */
  parentVersion?: string;
  /**
   * How the provider's audit log names a change to one (decision 053): `self`, the object itself
   * (readChangedObjects reads it); `parent`, its parent (a membership event names the group), so a
   * named parent's children are listed again. Absent: the log may not say, and a preview reads the type whole.
   */
  logged?: 'self' | 'parent';
  /**
   * Fields that change without anyone changing the configuration (timestamps, last sign-in): a
   * restore preview ignores them when it compares, and a plan's fingerprints leave them out.
   */
  volatile?: string[];
  /** What a restore can do with objects of this type; absent: nothing (read-only). */
  restore?: IdpRestoreInfo;
  /**
   * Decision 060: the provider tracks changes of this type (Microsoft Graph's delta query), so a
   * backup can read only what changed since the last one (`IdpClient.readChanges`).
   */
  changeFeed?: boolean;
}

/** What changed in one type since a cursor (decision 060); `expired`: the provider no longer knows the cursor. */
export type IdpTypeChanges =
  | { expired: false; changed: IdpObject[]; removed: string[]; cursor: string }
  | { expired: true };

/** How objects of one type are restored through the provider's API (restores/*). */
export interface IdpRestoreInfo {
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Has a status that is set by activate/deactivate calls rather than by an update. */
  lifecycle: boolean;
  /** The provider gives a re-created object a new id (a group), so references to it must be rewritten. */
  assignsId: boolean;
  /** The body field that names the object besides its id (a group's name): a retried create adopts what it finds. */
  naturalKey?: string;
  /** Needs verifying again by an admin once restored (a hook's endpoint). */
  verify?: boolean;
  /** Objects the provider owns (default policies, built-in groups): never created or deleted by a restore. */
  systemWhen?: { path: string; equals: unknown }[];
  /** OAuth scopes each kind of write needs (create, update, delete, activate, deactivate): the provider's own per operation. */
  writeScopes?: Partial<Record<'create' | 'update' | 'delete' | 'activate' | 'deactivate', string[]>>;
  /** Rows the provider derives from other objects (an app user assigned through a group): restored with those. */
  derivedWhen?: { path: string; equals: unknown; from: string }[];
  /**
   * Statuses an activation may leave the object in that count as the snapshot's (a user without a
   * password stays PROVISIONED until they finish activating): compared equal, so a reactivated
   * object is not reactivated again by every later preview.
   */
  statusReached?: Record<string, string[]>;
  /** A deactivated one takes no updates until it is activated (Okta ignores a DEPROVISIONED user's profile updates). */
  activateFirst?: boolean;
  /** What a person should know when one comes back (a user returns without password or factors). */
  recreateNote?: string;
  /** Restoring one gives users access (blast radius): the groups whose members it provisions, or a fixed count. */
  provisions?: { groupsAt?: string; perObject?: number };
  /** Rows of this type are the members of their parent group (the blast radius counts them). */
  membershipOf?: boolean;
  /**
   * The provider keeps a deleted one for a while and restores it with its id (Entra's
   * `directory/deletedItems`): the preview asks `listDeleted` and says "restore from deleted items".
   */
  fromDeletedItems?: boolean;
  /**
   * Restored in this state first, whatever the snapshot says (a Conditional Access policy in
   * report-only): switching it to the snapshot's is a separate confirmed step (decision 059).
   */
  reportOnly?: { path: string; value: string };
  /**
   * The provider never takes a given secret back (Entra makes a new client secret itself): the
   * preview says this instead of asking for the value at apply.
   */
  secretsNotSent?: string;
  /** Why it cannot be restored, when it cannot at all. */
  reason?: string;
  /**
   * Backed up as an inventory only (the metadata of app secrets and signing keys): never a step of a
   * restore, since the IdP makes new ones with their parent; the plan notes once what the org lacks.
   */
  inventoryOnly?: boolean;
}

/**
 * One audit event of the provider's own log (Okta's System Log), reduced to what attributes a change:
 * who, when, what kind of event, and the ids of the objects it touched.
 */
export interface IdpLogEvent {
  id: string;
  /** ISO 8601. */
  published: string;
  eventType: string;
  actor: { id: string; type: string; alternateId?: string; displayName?: string };
  targets: { id: string; type: string }[];
}

/**
 * A setting the provider's API cannot write (decision 066): what a person sets by hand in the
 * admin console, and where. A restore step of this kind is shown in the preview and skipped at apply.
 */
export interface IdpManualStep {
  /** The admin console path ('Security → Authentication → 2-step verification'). */
  where: string;
  /** Each setting and the value to give it, in words ('Minimum length: 12'). */
  set: string[];
  /** What it applies to when not the whole org ('/Sales', 'group sales@example.com'). */
  appliesTo?: string;
}

export interface IdpClient {
  /** Streams every object of the given types (all non-optional types when omitted), paging as the API requires. */
  listObjects(opts?: {
    types?: string[];
    signal?: AbortSignal;
    /**
     * Children of this parent need not be listed (a restore preview skips the members of a group
     * whose membership has not changed since the snapshot).
     */
    skipChildren?: (childType: string, parent: IdpObjectRef & { body: unknown }) => boolean;
  }): AsyncIterable<IdpObject>;
  readObject(ref: IdpObjectRef, opts?: { signal?: AbortSignal }): Promise<IdpObject | undefined>;
  /**
   * Decision 064 (Google only): a push channel on the directory's users (`users.watch`). Google POSTs
   * to `address`, with `token` in X-Goog-Channel-Token, on each change until the channel expires.
   */
  watchUsers?(
    channel: { id: string; address: string; token: string; expiresAt: Date },
    opts?: { signal?: AbortSignal },
  ): Promise<{ resourceId: string; expiresAt: Date }>;
  /** Creates or updates one object; returns it as the provider now has it (with its possibly new id). */
  writeObject(
    ref: IdpObjectRef,
    op: {
      kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate';
      body?: unknown;
      /** Values for write-only secrets the snapshot could not keep, by path (an app's client secret). */
      secrets?: Record<string, string>;
    },
    opts?: { signal?: AbortSignal },
  ): Promise<IdpObject | undefined>;
  /**
   * The live object a create of `body` would have made (same parent, same natural key: a group's
   * name), so a create retried after a crash adopts it instead of making a second one.
   */
  findObject?(ref: IdpObjectRef, body: unknown, opts?: { signal?: AbortSignal }): Promise<IdpObject | undefined>;
  /**
   * Objects of a type the provider keeps after a delete and can restore with their id (Entra's
   * `directory/deletedItems`): a preview says "restore from deleted items" instead of a create.
   * Absent: the provider has no such bin.
   */
  listDeleted?(type: string, opts?: { signal?: AbortSignal }): Promise<{ id: string; deletedAt?: string }[]>;
  /**
   * Which of these scopes the credential is not granted (an OAuth service app's grants); empty when
   * it holds them all or has no scopes to check (a token that carries its owner's admin role).
   */
  missingScopes?(scopes: readonly string[], opts?: { signal?: AbortSignal }): Promise<string[]>;
  /**
   * The provider's audit events published in [since, until], oldest first, paging as the API
   * requires. Throws when the credential may not read them (Okta: `okta.logs.read`).
   */
  listLogEvents(opts: { since: Date; until: Date; signal?: AbortSignal }): AsyncIterable<IdpLogEvent>;
  /**
   * Decision 048: the objects these log events name, coalesced (one read per object however many
   * events name it) and read now; `object` is absent for one gone since. Optional: a provider
   * without it has no event-driven freshness.
   */
  readChangedObjects?(
    events: readonly IdpLogEvent[],
    opts?: { signal?: AbortSignal },
  ): Promise<{ ref: IdpObjectRef; object?: IdpObject }[]>;
  /**
   * Decision 060: the objects of a `changeFeed` type created, changed (read whole, as a listing
   * has them) or removed (their ids) since `cursor`, and the cursor to pass next time. Without a
   * cursor: a cursor from now, nothing changed. A cursor is opaque (sealed where it is stored).
   */
  readChanges?(type: string, opts: { cursor?: string; signal?: AbortSignal }): Promise<IdpTypeChanges>;
  /**
   * Decision 066: for an object the preview would restore (snapshot body, live body when it still
   * exists), the manual step that stands for its write when the API cannot make it; undefined when
   * the restore writes it. `bodyOf` gives the snapshot's (or the live) body of an object it
   * references (the org unit a setting applies to). Absent: the provider has no manual steps.
   */
  manualStep?(
    object: IdpObjectRef & { desired?: unknown; live?: unknown },
    bodyOf: (ref: IdpObjectRef) => unknown,
  ): IdpManualStep | undefined;
  testAccess(opts?: { signal?: AbortSignal }): Promise<IdpAccessReport>;
  stats(): IdpRequestStats;
  /** The object types this client can list. */
  objectTypes(): IdpObjectTypeInfo[];
}

/** A connection's credentials as the connector needs them (opened from their sealed form). */
export type IdpCredentials =
  | { kind: 'ssws'; token: string }
  | { kind: 'oauth'; clientId: string; privateKey: string; keyId?: string };

/** An Okta org's connection (the first provider). */
export interface OktaConnectionConfig {
  provider: 'okta';
  orgUrl: string;
  credentials: IdpCredentials;
  /**
   * OAuth credentials: the percent of each rate-limit bucket Okta lets this app use, when the admin
   * changed it from Okta's default 50 % (decision 047). SSWS tokens ignore it.
   */
  rateLimitShare?: number;
  /** `restore`: the client writes (Okta: asks for `.manage` scopes); absent or `backup`: it only reads. */
  purpose?: 'backup' | 'restore';
}

/** An Entra app's credential: a client secret, or a PEM holding its certificate and private key. */
export type EntraCredentials =
  | { kind: 'client_secret'; clientSecret: string }
  | { kind: 'certificate'; certificatePem: string };

/** A Microsoft Entra ID tenant's connection, read through Microsoft Graph (decision 057). */
export interface EntraConnectionConfig {
  provider: 'entra';
  /** The tenant (directory) id: a GUID or a verified domain. */
  directoryId: string;
  clientId: string;
  credentials: EntraCredentials;
  /** The identity platform (default https://login.microsoftonline.com); sovereign clouds and simulators differ. */
  loginUrl?: string;
  /** Microsoft Graph (default https://graph.microsoft.com). */
  graphUrl?: string;
  /** Percent of each Graph resource-unit bucket the app may plan to use (default 50). */
  rateLimitShare?: number;
  purpose?: 'backup' | 'restore';
}

/**
 * A Google service account's key, as the connector needs it (decision 062): the fields of its JSON
 * key file that sign the JWT-bearer assertion. `clientId` is the numeric id an admin authorizes
 * under domain-wide delegation.
 */
export interface GoogleServiceAccountCredentials {
  kind: 'service_account';
  clientEmail: string;
  clientId: string;
  privateKeyId: string;
  /** PKCS#8 PEM, as in the key file's `private_key`. */
  privateKey: string;
}

/** A Google Workspace customer's connection, read through the Admin SDK and Cloud Identity (decision 062). */
export interface GoogleConnectionConfig {
  provider: 'google';
  /** The customer's primary domain (what the guide and the connection list name it by). */
  primaryDomain: string;
  /** The admin the service account acts as (the JWT's `sub`): a super admin reads the Policy API. */
  adminEmail: string;
  credentials: GoogleServiceAccountCredentials;
  /** The OAuth token endpoint (default https://oauth2.googleapis.com/token). */
  tokenUrl?: string;
  /**
   * The Admin SDK (default https://admin.googleapis.com). Any other value is a simulator that also
   * serves Cloud Identity and Groups Settings below the same base (decision 062).
   */
  apiUrl?: string;
  /** Percent of the Directory API's per-minute quota the backup may plan to use (default 50). */
  rateLimitShare?: number;
  purpose?: 'backup' | 'restore';
}

export type IdpConnectionConfig = OktaConnectionConfig | EntraConnectionConfig | GoogleConnectionConfig;

/** How apps hand the domain a client for a connection (they choose the outbound policy, limits, ...). */
export type IdpClientFactory = (config: IdpConnectionConfig) => IdpClient;
