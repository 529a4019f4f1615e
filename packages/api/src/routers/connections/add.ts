import { ZAddConnectionInput, addConnection } from '@butterfly/domain/connections';
import { ZConnectionsAdd } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const addConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZAddConnectionInput)
  .output(returns<Awaited<ReturnType<typeof addConnection>>>()(ZConnectionsAdd))
  .mutation(({ ctx, input }) => addConnection(ctx.deps, ctx.tenantId, input));
