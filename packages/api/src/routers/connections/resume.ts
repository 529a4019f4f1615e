import { ZConnectionId, resumeConnection } from '@butterfly/domain/connections';
import { ZConnectionsResume } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const resumeConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof resumeConnection>>>()(ZConnectionsResume))
  .mutation(({ ctx, input }) => resumeConnection(ctx.deps, ctx.tenantId, input));
