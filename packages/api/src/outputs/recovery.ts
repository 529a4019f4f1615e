import { z } from 'zod';

/** `recovery.recentRecovery`. */
export const ZRecoveryRecentRecovery = z.array(
  z.object({
    occurredAt: z.string(),
    memberId: z.string().nullable(),
    email: z.string(),
    requestId: z.string().nullable(),
  }),
);
