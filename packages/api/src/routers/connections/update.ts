import { ZUpdateConnectionInput, updateConnection } from '@butterfly/domain/connections';
import { ZConnectionsUpdate } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Rename and/or replace the backup credential (sealed; never returned). */
export const updateConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZUpdateConnectionInput)
  .output(returns<Awaited<ReturnType<typeof updateConnection>>>()(ZConnectionsUpdate))
  .mutation(({ ctx, input }) => updateConnection(ctx.deps, ctx.tenantId, input));
