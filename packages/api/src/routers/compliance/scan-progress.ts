import { ZScanProgressInput, getScanProgress } from '@butterfly/domain/scans';
import { permissionProcedure } from '../../trpc.ts';

/** Polled by the compliance page after "Run scan" until the scan is stored. */
export const scanProgressProcedure = permissionProcedure('compliance.read')
  .input(ZScanProgressInput)
  .query(({ ctx, input }) => getScanProgress(ctx.deps, ctx.tenantId, input));
