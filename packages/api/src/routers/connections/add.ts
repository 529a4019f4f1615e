import { ZAddConnectionInput, addConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

export const addConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZAddConnectionInput)
  .mutation(({ ctx, input }) => addConnection(ctx.deps, ctx.tenantId, input));
