import { ZConnectionId, removeConnection } from '@butterfly/domain';
import { permissionProcedure } from '../../trpc.ts';

export const removeConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .mutation(({ ctx, input }) => removeConnection(ctx.deps, ctx.tenantId, input));
