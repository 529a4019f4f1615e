import { ZListSnapshotObjectsInput, listSnapshotObjects } from '@butterfly/domain/snapshots';
import { permissionProcedure } from '../../trpc.ts';

/** A snapshot's objects of one type, searched by id or name, a page at a time. */
export const snapshotObjectsProcedure = permissionProcedure('snapshot.read')
  .input(ZListSnapshotObjectsInput)
  .query(({ ctx, input }) => listSnapshotObjects(ctx.deps, ctx.tenantId, input));
