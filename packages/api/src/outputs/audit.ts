import { z } from 'zod';
import { ZAuditVerification } from './shapes.ts';

/**
 * `audit.list`: a page of the audit log, newest first; `nextBeforeSeq` is the next page's cursor.
 * `data` is the entry's JSON as recorded (its shape depends on the action).
 */
export const ZAuditPage = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      occurredAt: z.string(),
      actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string(), name: z.string().nullable() }),
      action: z.string(),
      outcome: z.string(),
      target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
      data: z.unknown(),
      requestId: z.string().nullable(),
    }),
  ),
  nextBeforeSeq: z.number().optional(),
});

/** `audit.verify`. */
export const ZAuditVerify = ZAuditVerification;
