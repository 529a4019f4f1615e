import { ZGetSnapshotObjectInput, getSnapshotObject } from '@butterfly/domain/snapshots';
import { ZSnapshotsObject } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** One object's body, secrets masked (the domain view never hands out a secret-looking value), its key fields and references. */
export const snapshotObjectProcedure = permissionProcedure('snapshot.read')
  .input(ZGetSnapshotObjectInput)
  .output(returns<Awaited<ReturnType<typeof getSnapshotObject>>>()(ZSnapshotsObject))
  .query(({ ctx, input }) =>
    getSnapshotObject({ ...ctx.deps, idpClientFor: ctx.services.idpClientFor }, ctx.tenantId, input),
  );
