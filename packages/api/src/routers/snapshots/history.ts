import { ZObjectHistoryInput, getObjectHistory } from '@butterfly/domain/snapshots';
import { ZSnapshotsHistory } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const objectHistoryProcedure = permissionProcedure('snapshot.read')
  .input(ZObjectHistoryInput)
  .output(returns<Awaited<ReturnType<typeof getObjectHistory>>>()(ZSnapshotsHistory))
  .query(({ ctx, input }) => getObjectHistory(ctx.deps, ctx.tenantId, input));
