import { removeWebhook } from '@butterfly/domain/webhooks';
import { z } from 'zod';
import { ZWebhooksRemove } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZWebhookId = z.object({ webhookId: z.string().min(1).max(100) });

export const removeWebhookProcedure = permissionProcedure('schedule.manage')
  .input(ZWebhookId)
  .output(returns<Awaited<ReturnType<typeof removeWebhook>>>()(ZWebhooksRemove))
  .mutation(({ ctx, input }) => removeWebhook(ctx.deps, ctx.tenantId, input));
