import { ZListSnapshotObjectsInput, listSnapshotObjects } from '@butterfly/domain/snapshots';
import { ZSnapshotObjectsPage } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A snapshot's objects of one type, searched by id or name, a page at a time. */
export const snapshotObjectsProcedure = permissionProcedure('snapshot.read')
  .input(ZListSnapshotObjectsInput)
  .output(returns<Awaited<ReturnType<typeof listSnapshotObjects>>>()(ZSnapshotObjectsPage))
  .query(({ ctx, input }) => listSnapshotObjects(ctx.deps, ctx.tenantId, input));
