import { ZExtensionObjectRef, snapshotExtensionObject } from '@butterfly/domain/extension';
import { ZExtensionSnapshot } from '../../outputs/extension.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** "Snapshot this object now": Butterfly reads it from Okta with the connection's credential and keeps it. */
export const extensionSnapshotProcedure = permissionProcedure('backup.run')
  .input(ZExtensionObjectRef)
  .output(returns<Awaited<ReturnType<typeof snapshotExtensionObject>>>()(ZExtensionSnapshot))
  .mutation(({ ctx, input }) =>
    snapshotExtensionObject({ ...ctx.deps, idpClientFor: ctx.services.idpClientFor }, ctx.tenantId, input),
  );
