import { ZConnectionId, testConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

/** Calls Okta with the stored credential: the app's IdP factory (with its outbound policy) comes from the context. */
export const testConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .mutation(({ ctx, input }) =>
    testConnection({ ...ctx.deps, idpClientFor: ctx.services.idpClientFor }, ctx.tenantId, input),
  );
