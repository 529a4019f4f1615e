/** What the control API lets a test set; the Management API speaks Okta's full set of statuses. */
export type TUserStatus = 'active' | 'deactivated';

/** Okta's user lifecycle states (the `UserStatus` enum of the OpenAPI file). */
export type TOktaUserStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'PASSWORD_EXPIRED'
  | 'LOCKED_OUT'
  | 'SUSPENDED'
  | 'DEPROVISIONED';

/**
 * A user as the simulator keeps one: compact (times are epoch milliseconds, the profile is the only
 * object) because a seeded org holds 100k of them; the API's JSON is built per page (okta/users.ts).
 */
export interface SimUser {
  id: string;
  status: TOktaUserStatus;
  /** The user type (`oty…`). */
  typeId: string;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
  passwordChanged: number | null;
  profile: { login: string; email: string; firstName: string; lastName: string; [key: string]: unknown };
  /** Absent for users created without a password (they cannot sign in). */
  passwordHash?: string;
}

/**
 * An OIDC app integration as oidc-provider sees it. Field names are OAuth client metadata
 * (RFC 7591); the app itself lives in the org's `apps` table (see orgs/clients.ts).
 */
export interface SimClient {
  client_id: string;
  client_secret: string;
  client_name?: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  backchannel_logout_uri?: string;
}

/** Any Okta object kept as its JSON (without `_links`, which are built per response). */
export type Json = Record<string, any>;
