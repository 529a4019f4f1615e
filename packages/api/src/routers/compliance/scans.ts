import { listScans } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZScanView } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZListScansInput = z
  .object({
    connectionId: z.uuid().optional(),
    snapshotId: z.uuid().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .optional();

export const listScansProcedure = permissionProcedure('compliance.read')
  .input(ZListScansInput)
  .output(returns<Awaited<ReturnType<typeof listScans>>>()(z.array(ZScanView)))
  .query(({ ctx, input }) => listScans(ctx.deps, ctx.tenantId, input ?? {}));
