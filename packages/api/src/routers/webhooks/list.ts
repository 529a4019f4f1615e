import { listWebhooks } from '@butterfly/domain/webhooks';
import { ZWebhooksList } from '../../outputs/webhooks.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listWebhooksProcedure = permissionProcedure('dashboard.view')
  .output(returns<Awaited<ReturnType<typeof listWebhooks>>>()(ZWebhooksList))
  .query(({ ctx }) => listWebhooks(ctx.deps, ctx.tenantId));
