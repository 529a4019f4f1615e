import { listRestorePlans } from '@butterfly/domain/restores';
import { z } from 'zod';
import { ZRestoresList } from '../../outputs/restores.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listRestorePlansProcedure = permissionProcedure('snapshot.read')
  .input(z.object({ connectionId: z.string().max(100).optional() }).default({}))
  .output(returns<Awaited<ReturnType<typeof listRestorePlans>>>()(ZRestoresList))
  .query(({ ctx, input }) => listRestorePlans(ctx.deps, ctx.tenantId, input));
