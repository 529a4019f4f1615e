import { ZPauseConnectionInput, pauseConnection } from '@butterfly/domain/connections';
import { ZConnectionsPauseConnection } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const pauseConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZPauseConnectionInput)
  .output(returns<Awaited<ReturnType<typeof pauseConnection>>>()(ZConnectionsPauseConnection))
  .mutation(({ ctx, input }) => pauseConnection(ctx.deps, ctx.tenantId, input));
