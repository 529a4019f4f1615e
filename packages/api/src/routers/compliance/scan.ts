import { getScan } from '@butterfly/domain/scans';
import { z } from 'zod';
import { ZComplianceScan } from '../../outputs/scans.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZScanIdInput = z.object({ scanId: z.uuid() });

/** One scan with every result and its evidence. */
export const getScanProcedure = permissionProcedure('compliance.read')
  .input(ZScanIdInput)
  .output(returns<Awaited<ReturnType<typeof getScan>>>()(ZComplianceScan))
  .query(({ ctx, input }) => getScan(ctx.deps, ctx.tenantId, input));
