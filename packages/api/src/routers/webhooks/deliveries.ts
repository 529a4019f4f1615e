import { listWebhookDeliveries } from '@butterfly/domain/webhooks';
import { z } from 'zod';
import { ZWebhooksDeliveries } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const webhookDeliveriesProcedure = permissionProcedure('dashboard.view')
  .input(
    z
      .object({ webhookId: z.string().max(100).optional(), limit: z.number().int().min(1).max(200).default(50) })
      .default({ limit: 50 }),
  )
  .output(returns<Awaited<ReturnType<typeof listWebhookDeliveries>>>()(ZWebhooksDeliveries))
  .query(({ ctx, input }) => listWebhookDeliveries(ctx.deps, ctx.tenantId, input));
