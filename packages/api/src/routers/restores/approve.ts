import { ZApproveRestoreInput, approveRestore } from '@butterfly/domain/restores';
import { ZRestoresApprove } from '../../outputs/restores.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const approveRestoreProcedure = permissionProcedure('restore.apply')
  .input(ZApproveRestoreInput)
  .output(returns<Awaited<ReturnType<typeof approveRestore>>>()(ZRestoresApprove))
  .mutation(({ ctx, input }) => approveRestore(ctx.deps, ctx.tenantId, input));
