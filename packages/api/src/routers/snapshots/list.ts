import { listSnapshots } from '@butterfly/domain/snapshots';
import { z } from 'zod';
import { ZSnapshotView } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZListSnapshotsInput = z
  .object({ connectionId: z.uuid().optional(), limit: z.number().int().min(1).max(1000).default(100) })
  .default({ limit: 100 });

export const listSnapshotsProcedure = permissionProcedure('dashboard.view')
  .input(ZListSnapshotsInput)
  .output(returns<Awaited<ReturnType<typeof listSnapshots>>>()(z.array(ZSnapshotView)))
  .query(({ ctx, input }) => listSnapshots(ctx.deps, ctx.tenantId, input));
