import { listWebhooks } from '@butterfly/domain/webhooks';
import { permissionProcedure } from '../../trpc.ts';

export const listWebhooksProcedure = permissionProcedure('dashboard.view').query(({ ctx }) =>
  listWebhooks(ctx.deps, ctx.tenantId),
);
