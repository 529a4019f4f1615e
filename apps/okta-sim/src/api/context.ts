import type { Org } from '../orgs/org.ts';
import type { Json } from '../orgs/types.ts';

/** Who is calling: the owner of an SSWS token, or an OAuth service app with the scopes it was granted. */
export interface Principal {
  kind: 'ssws' | 'oauth';
  /** System Log actor fields. */
  id: string;
  type: 'User' | 'PublicClientApp';
  alternateId: string;
  displayName: string;
  /** OAuth only: the access token's `scp`. */
  scopes?: Set<string>;
}

export interface Ctx {
  org: Org;
  /** The org URL: every `_links` href and `Link` header starts with it. */
  base: string;
  method: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  principal: Principal;
  now: number;
  requestId: string;
  ip: string;
  userAgent: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
