import { getRestorePlan } from '@butterfly/domain/restores';
import { z } from 'zod';
import { ZRestoresGet } from '../../outputs/restores.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A plan with its ordered steps, diffs, caveats and id map: the page and the JSON export. */
export const getRestorePlanProcedure = permissionProcedure('snapshot.read')
  .input(z.object({ planId: z.string().max(100) }))
  .output(returns<Awaited<ReturnType<typeof getRestorePlan>>>()(ZRestoresGet))
  .query(({ ctx, input }) => getRestorePlan(ctx.deps, ctx.tenantId, input));
