import { ZConnectionId, getConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

export const getConnectionProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .query(({ ctx, input }) => getConnection(ctx.deps, ctx.tenantId, input));
