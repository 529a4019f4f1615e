import type { OktaScope } from './catalog.ts';

/** Produces the Authorization header for a request (SSWS token, or an OAuth access token). */
export interface Authenticator {
  readonly kind: 'ssws' | 'oauth';
  authorization(scopes: readonly OktaScope[], signal?: AbortSignal): Promise<string>;
  /** Okta refused this header (401): forget it. True when a fresh one may help (OAuth), false for a fixed token. */
  invalidate(header: string): boolean;
}
