import { testWebhook } from '@butterfly/domain/webhooks';
import { ZWebhooksTest } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';
import { ZWebhookId } from './remove.ts';

/** Queues a test message through the channel (any kind); `webhooks.delivery` then reports its outcome. */
export const testWebhookProcedure = permissionProcedure('schedule.manage')
  .input(ZWebhookId)
  .output(returns<Awaited<ReturnType<typeof testWebhook>>>()(ZWebhooksTest))
  .mutation(({ ctx, input }) => testWebhook(ctx.deps, ctx.tenantId, input));
