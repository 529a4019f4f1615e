import type { Org } from '../orgs/org.ts';
import type { Json } from '../model/types.ts';
import type { Principal } from '../orgs/principal.ts';

export type { Principal };

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
