import { ZConnectionId, resumeConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

export const resumeConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .mutation(({ ctx, input }) => resumeConnection(ctx.deps, ctx.tenantId, input));
