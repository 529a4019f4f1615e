import { ZConnectionId, getConnection } from '@butterfly/domain/connections';
import { ZConnectionsGet } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getConnectionProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof getConnection>>>()(ZConnectionsGet))
  .query(({ ctx, input }) => getConnection(ctx.deps, ctx.tenantId, input));
