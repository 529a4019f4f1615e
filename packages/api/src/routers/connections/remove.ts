import { ZRemoveConnectionInput, removeConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

/** Delete: the connection's name typed as confirmation, and whether its snapshots are kept. */
export const removeConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZRemoveConnectionInput)
  .mutation(({ ctx, input }) => removeConnection(ctx.deps, ctx.tenantId, input));
