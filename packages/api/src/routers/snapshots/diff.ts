import { ZDiffPageInput, diffPage } from '@butterfly/domain/diff';
import { ZSnapshotsDiff } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A page of the changes between two snapshots; `next` is the cursor of the following page. */
export const snapshotDiffProcedure = permissionProcedure('snapshot.read')
  .input(ZDiffPageInput)
  .output(returns<Awaited<ReturnType<typeof diffPage>>>()(ZSnapshotsDiff))
  .query(({ ctx, input }) => diffPage(ctx.deps, ctx.tenantId, input));
