import type { TSimDeps } from '../sts/deps.ts';
import type { SkipTokens } from './paging.ts';
import type { TPrincipal } from './principal.ts';

/** One Graph call, top-level or inside a `$batch`. */
export interface TGraphCall {
  deps: TSimDeps;
  tokens: SkipTokens;
  principal: TPrincipal;
  version: 'v1.0' | 'beta';
  method: string;
  /** Below the version, no leading slash: `identity/conditionalAccess/policies`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  requestId: string;
}

export const errCtx = (c: TGraphCall) => ({ requestId: c.requestId, clientRequestId: c.headers['client-request-id'] });

export const metadata = (c: TGraphCall, fragment: string) => `${c.deps.baseUrl}/${c.version}/$metadata#${fragment}`;
