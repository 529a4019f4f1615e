import { ZApproveRestoreInput, approveRestore } from '@butterfly/domain/restores';
import { permissionProcedure } from '../../trpc.ts';

export const approveRestoreProcedure = permissionProcedure('restore.apply')
  .input(ZApproveRestoreInput)
  .mutation(({ ctx, input }) => approveRestore(ctx.deps, ctx.tenantId, input));
