import { ZAddGoogleConnectionInput, addGoogleConnection } from '@butterfly/domain/connections';
import { ZConnectionsAdd } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A Google Workspace customer to back up (decision 062): the service account's JSON key is write-only. */
export const addGoogleConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZAddGoogleConnectionInput)
  .output(returns<Awaited<ReturnType<typeof addGoogleConnection>>>()(ZConnectionsAdd))
  .mutation(({ ctx, input }) => addGoogleConnection(ctx.deps, ctx.tenantId, input));
