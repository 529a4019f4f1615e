import { z } from 'zod';
import { parseEnv } from './parse.ts';

/**
 * The limits, per key, before a multiplier: `points` requests (failures, for `*_fail_*`) per window.
 * Generous for people (a whole office behind one NAT address signing in at nine) and tight for
 * scripts. docs/security.md carries this table; the guide states them (sso.md, api-tokens.md, scim.md).
 */
export const RATE_LIMIT_DEFAULTS = {
  /** POST /login (the email form) per client address. */
  login_ip: { points: 60, windowSec: 60 },
  /** GET /sso/<tenant>/start per client address. */
  sso_start_ip: { points: 60, windowSec: 60 },
  /** GET /sso/<tenant>/start per account (the `login_hint` email). */
  sso_start_account: { points: 10, windowSec: 300 },
  /** POST /oauth/token and /oauth/revoke per client address. */
  oauth_ip: { points: 60, windowSec: 60 },
  /** /recover/<token> per client address. */
  recover_ip: { points: 10, windowSec: 900 },
  /** /recover/<token> per link (the token, hashed). */
  recover_link: { points: 5, windowSec: 900 },
  /** Failed Bearer authentications on /api/trpc per client address (valid tokens never count). */
  api_bearer_fail_ip: { points: 20, windowSec: 60 },
  /** Failed Bearer authentications on the SCIM API per client address (valid tokens never count). */
  scim_bearer_fail_ip: { points: 20, windowSec: 60 },
} as const satisfies Record<string, { points: number; windowSec: number }>;
export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

export const ZRateLimitEnv = z
  .object({
    /**
     * How many reverse proxies in front of the web and SCIM apps append to X-Forwarded-For. 0 (the
     * default): the client address is the socket's, and X-Forwarded-For is ignored (anyone can send it).
     */
    BUTTERFLY_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Scales every limit (tests and load benchmarks raise it; a value below 1 tightens). */
    BUTTERFLY_RATE_LIMIT_MULTIPLIER: z.coerce.number().min(0.01).max(100_000).default(1),
  })
  .transform((env) => ({
    ...env,
    rateLimits: Object.fromEntries(
      Object.entries(RATE_LIMIT_DEFAULTS).map(([name, r]) => [
        name,
        { points: Math.max(1, Math.round(r.points * env.BUTTERFLY_RATE_LIMIT_MULTIPLIER)), windowSec: r.windowSec },
      ]),
    ) as Record<RateLimitName, { points: number; windowSec: number }>,
  }));
export type TRateLimitEnv = z.output<typeof ZRateLimitEnv>;

export const rateLimitEnv = (env?: Record<string, string | undefined>) => parseEnv('rate limits', ZRateLimitEnv, env);
