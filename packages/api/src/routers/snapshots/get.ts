import { getSnapshot } from '@butterfly/domain/snapshots';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const getSnapshotProcedure = permissionProcedure('dashboard.view')
  .input(z.object({ snapshotId: z.string().min(1).max(100) }))
  .query(({ ctx, input }) => getSnapshot(ctx.deps, ctx.tenantId, input));
