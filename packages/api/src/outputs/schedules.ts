import { z } from 'zod';

/** `schedules.get`. */
export const ZSchedulesGet = z.union([
  z.object({ connectionId: z.string(), schedule: z.null() }),
  z.object({
    connectionId: z.string(),
    schedule: z.object({
      enabled: z.boolean(),
      frequency: z.enum(['cron', 'hourly', 'daily', 'weekly']),
      cron: z.string(),
      timezone: z.string(),
      retention: z.object({ hourly: z.number(), daily: z.number(), weekly: z.number(), monthly: z.number() }),
      nextRunAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  }),
]);

/** `schedules.set`. */
export const ZSchedulesSet = z.object({
  cron: z.string(),
  nextRunAt: z.string(),
  connectionId: z.string(),
  enabled: z.boolean(),
  frequency: z.enum(['cron', 'hourly', 'daily', 'weekly']),
  timezone: z.string(),
  retention: z.object({ hourly: z.number(), daily: z.number(), weekly: z.number(), monthly: z.number() }),
});
