import type { SimLogger } from './log.ts';
import type { TCustomer, TUser } from './model/types.ts';
import type { OidcKeys } from './oidc/keys.ts';
import type { TFault, World } from './store/world.ts';

/** What an access token stands for. */
export interface TGrant {
  token: string;
  /** `sa`: JWT-bearer (with or without a subject); `user`: the OIDC code flow. */
  kind: 'sa' | 'user';
  scopes: string[];
  expiresAt: number;
  /** The service account's client id (kind `sa`) or the OAuth client (kind `user`). */
  clientId: string;
  /** The service account's email (kind `sa`). */
  serviceAccount?: string;
  /** The customer and user acted for (a delegated `sa` grant, or a Workspace user's sign-in). */
  customerId?: string;
  userId?: string;
  /** The consumer account signed in (kind `user` without a customer). */
  consumerSub?: string;
}

/** An authorization code waiting to be redeemed. */
export interface TCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  challenge?: string;
  challengeMethod?: string;
  account: { customerId?: string; sub: string };
  expiresAt: number;
}

/** A `users.watch` channel. */
export interface TChannel {
  id: string;
  resourceId: string;
  customerId: string;
  address: string;
  token?: string;
  expiration: number;
  event?: string;
  messageNumber: number;
}

/** Per-process state a restart forgets: tokens, codes, quota windows, faults, channels. */
export interface TRuntime {
  grants: Map<string, TGrant>;
  codes: Map<string, TCode>;
  faults: TFault[];
  /** Quota key → [window start, count]. */
  windows: Map<string, [number, number]>;
  /** Policy API caller → time of its last page. */
  lastPolicyPage: Map<string, number>;
  channels: Map<string, TChannel>;
}

export interface TDeps {
  world: World;
  keys: OidcKeys;
  baseUrl: string;
  clock: () => number;
  log: SimLogger;
  runtime: TRuntime;
}

/** Who a delegated call acts as. */
export interface TCaller {
  grant: TGrant;
  customer: TCustomer;
  user: TUser;
}

export const newRuntime = (): TRuntime => ({
  grants: new Map(),
  codes: new Map(),
  faults: [],
  windows: new Map(),
  lastPolicyPage: new Map(),
  channels: new Map(),
});
