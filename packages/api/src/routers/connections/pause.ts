import { ZPauseConnectionInput, pauseConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

export const pauseConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZPauseConnectionInput)
  .mutation(({ ctx, input }) => pauseConnection(ctx.deps, ctx.tenantId, input));
