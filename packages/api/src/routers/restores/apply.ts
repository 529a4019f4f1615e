import { ZRequestRestoreApplyInput, requestRestoreApply } from '@butterfly/domain/restores';
import { ZRestoresApplyPlan } from '../../outputs/restores.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Queues the apply job; the domain refuses an unapproved risky plan and the job refuses a stale one. */
export const applyRestoreProcedure = permissionProcedure('restore.apply')
  .input(ZRequestRestoreApplyInput)
  .output(returns<Awaited<ReturnType<typeof requestRestoreApply>>>()(ZRestoresApplyPlan))
  .mutation(({ ctx, input }) => requestRestoreApply(ctx.deps, ctx.tenantId, input));
