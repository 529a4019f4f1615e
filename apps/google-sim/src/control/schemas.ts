import { z } from 'zod';

export const ZSettings = z
  .object({
    directoryQueriesPerMinute: z.number().int().min(1).max(1_000_000),
    policyReadsPerMinute: z.number().int().min(1).max(1_000_000),
    policyPageIntervalMs: z.number().int().min(0).max(60_000),
    emptyPolicyPages: z.boolean(),
    issuerForm: z.enum(['https', 'legacy']),
    certsMaxAgeSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400 * 7),
  })
  .partial()
  .strict();

export const ZFault = z
  .object({
    api: z.enum(['directory', 'policy', 'token']),
    /** Directory: userRateLimitExceeded, quotaExceeded, rateLimitExceeded, backendError…; policy: RESOURCE_EXHAUSTED…; token: an OAuth error code. */
    reason: z.string().min(1),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().min(1).optional(),
    count: z.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export const ZDelegation = z.object({ scopes: z.array(z.string().url()).min(1) }).strict();

export const ZPolicyChange = z
  .object({
    value: z.record(z.string(), z.unknown()),
    /** The admin the audit log names; default the customer's first super admin. */
    actorEmail: z.string().email().optional(),
  })
  .strict();

export const ZUserChange = z
  .object({
    suspended: z.boolean(),
    archived: z.boolean(),
    isEnrolledIn2Sv: z.boolean(),
    isEnforcedIn2Sv: z.boolean(),
    actorEmail: z.string().email(),
  })
  .partial()
  .strict();

export const ZRedirectUris = z.object({ redirectUris: z.array(z.string().url()) }).strict();
