import { z } from 'zod';

/** `sessions.endOthers`. */
export const ZSessionsEndOthers = z.object({ ended: z.number() });

/** `sessions.list`. */
export const ZSessionsList = z.array(
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
