import { getSnapshot } from '@butterfly/domain/snapshots';
import { z } from 'zod';
import { ZSnapshotView } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getSnapshotProcedure = permissionProcedure('dashboard.view')
  .input(z.object({ snapshotId: z.string().min(1).max(100) }))
  .output(returns<Awaited<ReturnType<typeof getSnapshot>>>()(ZSnapshotView))
  .query(({ ctx, input }) => getSnapshot(ctx.deps, ctx.tenantId, input));
