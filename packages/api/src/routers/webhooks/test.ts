import { testWebhook } from '@butterfly/domain';
import { permissionProcedure } from '../../trpc.ts';
import { ZWebhookId } from './remove.ts';

/** Queues a signed test delivery; its outcome shows in the delivery log. */
export const testWebhookProcedure = permissionProcedure('schedule.manage')
  .input(ZWebhookId)
  .mutation(({ ctx, input }) => testWebhook(ctx.deps, ctx.tenantId, input));
