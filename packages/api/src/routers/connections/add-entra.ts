import { ZAddEntraConnectionInput, addEntraConnection } from '@butterfly/domain/connections';
import { ZConnectionsAdd } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A Microsoft Entra ID tenant to back up (decision 057): the app's client secret or certificate is write-only. */
export const addEntraConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZAddEntraConnectionInput)
  .output(returns<Awaited<ReturnType<typeof addEntraConnection>>>()(ZConnectionsAdd))
  .mutation(({ ctx, input }) => addEntraConnection(ctx.deps, ctx.tenantId, input));
