import { z } from 'zod';

/** `recovery.recent`. */
export const ZRecoveryRecent = z.array(
  z.object({
    occurredAt: z.string(),
    memberId: z.string().nullable(),
    email: z.string(),
    requestId: z.string().nullable(),
  }),
);
