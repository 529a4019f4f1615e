import { getScan } from '@butterfly/domain/scans';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const ZScanIdInput = z.object({ scanId: z.uuid() });

/** One scan with every result and its evidence. */
export const getScanProcedure = permissionProcedure('compliance.read')
  .input(ZScanIdInput)
  .query(({ ctx, input }) => getScan(ctx.deps, ctx.tenantId, input));
