import { removeWebhook } from '@butterfly/domain/webhooks';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const ZWebhookId = z.object({ webhookId: z.string().min(1).max(100) });

export const removeWebhookProcedure = permissionProcedure('schedule.manage')
  .input(ZWebhookId)
  .mutation(({ ctx, input }) => removeWebhook(ctx.deps, ctx.tenantId, input));
