import { ZPauseConnectionInput, pauseConnection } from '@butterfly/domain/connections';
import { ZConnectionsPause } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const pauseConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZPauseConnectionInput)
  .output(returns<Awaited<ReturnType<typeof pauseConnection>>>()(ZConnectionsPause))
  .mutation(({ ctx, input }) => pauseConnection(ctx.deps, ctx.tenantId, input));
