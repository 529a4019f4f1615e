/** What the control API lets a test set; Okta's own lifecycle states arrive with the Management API. */
export type TUserStatus = 'active' | 'deactivated';

/** A user as Okta keeps one: an id, a status and a profile whose `login` is the sign-in name. */
export interface SimUser {
  id: string;
  status: TUserStatus;
  created: Date;
  lastUpdated: Date;
  profile: { login: string; email: string; firstName: string; lastName: string };
  passwordHash: string;
}

/**
 * An OIDC app integration. Field names are OAuth client metadata (RFC 7591), which is what
 * oidc-provider reads; `backchannel_logout_uri` is kept so the logout sender can find it later.
 */
export interface SimClient {
  client_id: string;
  client_secret: string;
  client_name?: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  backchannel_logout_uri?: string;
}
