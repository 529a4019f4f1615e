import { z } from 'zod';

/** `sessions.endOtherSessions`. */
export const ZSessionsEndOtherSessions = z.object({ ended: z.number() });

/** `sessions.listSessions`. */
export const ZSessionsListSessions = z.array(
  z.object({
    current: z.boolean(),
    id: z.string(),
    authMethod: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
  }),
);
