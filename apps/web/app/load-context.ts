import type { Logger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import type { Keyring } from '@butterfly/domain/crypto';
import type { WebRateLimits } from '../server/rate-limit/web-rate-limits.ts';
import type { WebServices } from '../server/services.ts';

/**
 * What `server/app.ts` hands every loader and action (express `getLoadContext`). Built per request;
 * the db, keyring and services are the process's own, the logger is a child carrying the request id.
 */
declare module '@remix-run/node' {
  interface AppLoadContext {
    db: Kysely<DB>;
    log: Logger;
    requestId: string;
    /** This response's CSP nonce, for every inline script we render. */
    cspNonce: string;
    keyring: Keyring;
    /** Cookie signing, OIDC discovery and keys, the DNS resolver and issuer probe (server/services.ts). */
    services: WebServices;
    /** Recorded with sessions (the sessions page shows them). */
    client: { ip: string | null; userAgent: string | null };
    /** The process's rate limiters (server/rate-limit/); absent in unit tests that call routes directly. */
    rateLimits?: WebRateLimits;
  }
}
