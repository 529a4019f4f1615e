import { listWebhookDeliveries } from '@butterfly/domain/webhooks';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const webhookDeliveriesProcedure = permissionProcedure('dashboard.view')
  .input(
    z
      .object({ webhookId: z.string().max(100).optional(), limit: z.number().int().min(1).max(200).default(50) })
      .default({ limit: 50 }),
  )
  .query(({ ctx, input }) => listWebhookDeliveries(ctx.deps, ctx.tenantId, input));
