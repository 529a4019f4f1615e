import { listRestorePlans } from '@butterfly/domain/restores';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const listRestorePlansProcedure = permissionProcedure('snapshot.read')
  .input(z.object({ connectionId: z.string().max(100).optional() }).default({}))
  .query(({ ctx, input }) => listRestorePlans(ctx.deps, ctx.tenantId, input));
