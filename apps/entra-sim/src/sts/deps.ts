import type { SimLogger } from '../log.ts';
import type { TenantRegistry } from '../store/registry.ts';
import type { KeySet } from './keys.ts';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** What the STS and Graph handlers share: the tenants, the keys, the public URL and the clock. */
export interface TSimDeps {
  registry: TenantRegistry;
  keys: KeySet;
  /** Plays https://login.microsoftonline.com and https://graph.microsoft.com at once. */
  baseUrl: string;
  clock: () => number;
  log: SimLogger;
  /** One-time authorization codes, by code. */
  codes: Map<string, TAuthCode>;
}

export interface TAuthCode {
  tenantId: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  scope: string;
  sid: string;
  expiresAt: number;
}

export const issuerV2 = (deps: TSimDeps, tid: string) => `${deps.baseUrl}/${tid}/v2.0`;
/** Graph tokens are v1.0 tokens whatever endpoint issued them; `sts.windows.net/{tid}/` becomes this. */
export const issuerV1 = (deps: TSimDeps, tid: string) => `${deps.baseUrl}/${tid}/`;
