import { ZCompareObjectInput, compareExtensionObject } from '@butterfly/domain/extension';
import { ZExtensionCompare } from '../../outputs/extension.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/**
 * "Changed since last backup?" for an object the extension read from the admin console. A read, but
 * a mutation: its input is a whole object, too big for a query string. Nothing is stored.
 */
export const extensionCompareProcedure = permissionProcedure('snapshot.read')
  .input(ZCompareObjectInput)
  .output(returns<Awaited<ReturnType<typeof compareExtensionObject>>>()(ZExtensionCompare))
  .mutation(({ ctx, input }) =>
    compareExtensionObject({ ...ctx.deps, idpClientFor: ctx.services.idpClientFor }, ctx.tenantId, input),
  );
