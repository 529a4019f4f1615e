import type { IdSource } from '../model/ids.ts';
import type { SimClient, SimUser } from '../model/types.ts';
import type { OrgData } from '../store/org-data.ts';

/** Ids of the objects every org has and others point at; set when the org's defaults are built. */
export interface TOrgRefs {
  orgId: string;
  everyone: string;
  userType: string;
  /** The ACCESS_POLICY new apps are mapped to. */
  defaultAccessPolicy: string;
}

/** An OIDC web app registered through the control API (or `--client`): what is not given is generated. */
export type TNewClient = Omit<SimClient, 'client_id' | 'client_secret' | 'post_logout_redirect_uris'> &
  Partial<Pick<SimClient, 'client_id' | 'client_secret' | 'post_logout_redirect_uris'>>;

/**
 * The part of an org its helpers (clients.ts, app-keys.ts, user-tokens.ts) work on: its data, its id
 * source, its clock and its well-known ids. `Org` (org.ts) is one; the helpers take this rather than
 * `Org`, so org.ts can use them without a module cycle.
 */
export interface OrgCore {
  readonly data: OrgData;
  readonly ids: IdSource;
  readonly refs: TOrgRefs;
  now(): number;
  /** Okta matches logins case-insensitively. */
  userByLogin(login: string): SimUser | undefined;
}
