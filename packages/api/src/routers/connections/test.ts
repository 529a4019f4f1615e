import { ZConnectionId, testConnection } from '@butterfly/domain/connections';
import { ZConnectionsTest } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Calls Okta with the stored credential: the app's IdP factory (with its outbound policy) comes from the context. */
export const testConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof testConnection>>>()(ZConnectionsTest))
  .mutation(({ ctx, input }) =>
    testConnection({ ...ctx.deps, idpClientFor: ctx.services.idpClientFor }, ctx.tenantId, input),
  );
