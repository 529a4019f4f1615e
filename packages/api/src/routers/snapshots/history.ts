import { ZObjectHistoryInput, getObjectHistory } from '@butterfly/domain/snapshots';
import { permissionProcedure } from '../../trpc.ts';

export const objectHistoryProcedure = permissionProcedure('snapshot.read')
  .input(ZObjectHistoryInput)
  .query(({ ctx, input }) => getObjectHistory(ctx.deps, ctx.tenantId, input));
