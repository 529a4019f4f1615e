import { ZRequestRestoreApplyInput, requestRestoreApply } from '@butterfly/domain/restores';
import { permissionProcedure } from '../../trpc.ts';

/** Queues the apply job; the domain refuses an unapproved risky plan and the job refuses a stale one. */
export const applyRestoreProcedure = permissionProcedure('restore.apply')
  .input(ZRequestRestoreApplyInput)
  .mutation(({ ctx, input }) => requestRestoreApply(ctx.deps, ctx.tenantId, input));
