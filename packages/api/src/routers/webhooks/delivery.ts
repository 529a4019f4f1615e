import { getWebhookDelivery } from '@butterfly/domain/webhooks';
import { z } from 'zod';
import { ZWebhooksDelivery } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** One delivery's status: the "Send a test" button's outcome, read like the delivery log. */
export const webhookDeliveryProcedure = permissionProcedure('dashboard.view')
  .input(z.object({ deliveryId: z.string().min(1).max(100) }))
  .output(returns<Awaited<ReturnType<typeof getWebhookDelivery>>>()(ZWebhooksDelivery))
  .query(({ ctx, input }) => getWebhookDelivery(ctx.deps, ctx.tenantId, input));
