import { ZRemoveConnectionInput, removeConnection } from '@butterfly/domain/connections';
import { ZConnectionsRemove } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Delete: the connection's name typed as confirmation, and whether its snapshots are kept. */
export const removeConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZRemoveConnectionInput)
  .output(returns<Awaited<ReturnType<typeof removeConnection>>>()(ZConnectionsRemove))
  .mutation(({ ctx, input }) => removeConnection(ctx.deps, ctx.tenantId, input));
